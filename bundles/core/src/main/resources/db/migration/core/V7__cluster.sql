-- Several nodes on one database: leases for the work one node does at a time, and the Kafka relay's position.

-- A singleton's lease: the node that holds it until expires_at; renewed while it lives, taken over when it lapses.
CREATE TABLE vafa_lease (
    name        VARCHAR(200)  PRIMARY KEY,
    holder      VARCHAR(200)  NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    acquired_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row: the last event position relayed to Kafka (the relay sends what comes after it, at least once).
CREATE TABLE vafa_event_relay (
    id       INT    PRIMARY KEY,
    last_seq BIGINT NOT NULL
);
INSERT INTO vafa_event_relay (id, last_seq) VALUES (1, 0);

-- Files every node must have alike (route files, message templates): each node mirrors its folder of the area here and
-- from here (a NULL content: deleted everywhere).
CREATE TABLE vafa_shared_file (
    area        VARCHAR(40)   NOT NULL,
    name        VARCHAR(300)  NOT NULL,
    content     VARCHAR,
    sha256      VARCHAR(64),
    version     BIGINT        NOT NULL,
    updated_by  VARCHAR(200)  NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (area, name)
);
