-- Members' personal data: the plugins that hold some (so that an erasure waits for one that is not installed),
-- and each erasure with its part per plugin. The person's contact points are kept on the erasure only until
-- every part is done (a plugin that comes back later needs them to find its rows), then cleared.
CREATE TABLE vafa_personal_plugin (
    plugin      VARCHAR(60)  PRIMARY KEY,
    first_seen  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE vafa_erasure (
    id            VARCHAR(36)   PRIMARY KEY,
    member_id     VARCHAR(36)   NOT NULL UNIQUE,
    reason        VARCHAR(500)  NOT NULL,
    requested_by  VARCHAR(100),
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    person_json   VARCHAR,
    completed_at  TIMESTAMP WITH TIME ZONE
);
CREATE TABLE vafa_erasure_part (
    erasure_id  VARCHAR(36)   NOT NULL REFERENCES vafa_erasure (id),
    plugin      VARCHAR(60)   NOT NULL,
    records     INT,
    detail      VARCHAR(1000),
    done_at     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (erasure_id, plugin)
);
