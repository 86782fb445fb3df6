-- Members' sign-in: the one-time code sent to a number (only a salted hash of it, keyed by a hash of the number;
-- member_id is null when the number is no member's, so that the answer does not tell), and the sessions it opens
-- (only a hash of each token).
CREATE TABLE vafa_sign_in_code (
    mobile_hash   VARCHAR(64) PRIMARY KEY,
    member_id     VARCHAR(36),
    code_hash     VARCHAR(64),
    salt          VARCHAR(32),
    expires_at    TIMESTAMP WITH TIME ZONE,
    attempts      INT NOT NULL,
    sent_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    window_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    window_sends  INT NOT NULL
);
CREATE TABLE vafa_member_session (
    token_hash  VARCHAR(64) PRIMARY KEY,
    member_id   VARCHAR(36) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX vafa_member_session_member ON vafa_member_session (member_id);

-- Keys the server generates for itself once and every node shares (the key that signs links sent to people).
CREATE TABLE vafa_secret (
    name        VARCHAR(60)  PRIMARY KEY,
    secret      VARCHAR(100) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
