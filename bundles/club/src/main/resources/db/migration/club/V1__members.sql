-- Club members and their loyalty cards. Portable SQL (H2 in PostgreSQL mode, PostgreSQL).
CREATE TABLE club_member (
    id              VARCHAR(36)  PRIMARY KEY,
    first_name      VARCHAR(100) NOT NULL,
    last_name       VARCHAR(100) NOT NULL,
    -- normalised "first last" for search: Arabic yeh/kaf as Persian, no ZWNJ, lower case
    search_name     VARCHAR(201) NOT NULL,
    mobile          VARCHAR(20)  NOT NULL UNIQUE,   -- E.164
    email           VARCHAR(254),
    birth_date      DATE,
    anniversary     DATE,
    gender          VARCHAR(10)  NOT NULL,
    city            VARCHAR(100),
    consent_sms     BOOLEAN      NOT NULL,
    consent_email   BOOLEAN      NOT NULL,
    status          VARCHAR(25)  NOT NULL,
    referral_code   VARCHAR(12)  NOT NULL UNIQUE,
    referred_by     VARCHAR(36)  REFERENCES club_member (id),
    joined_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    left_at         TIMESTAMP WITH TIME ZONE,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX club_member_search_name ON club_member (search_name);

CREATE TABLE club_card (
    card_number  VARCHAR(32) PRIMARY KEY,
    member_id    VARCHAR(36) NOT NULL REFERENCES club_member (id),
    issued_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX club_card_member ON club_card (member_id);
