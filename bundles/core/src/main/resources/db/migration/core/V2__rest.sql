-- API keys (only a SHA-256 hash of the secret is stored) and remembered answers to POSTs made with
-- an Idempotency-Key.
CREATE TABLE vafa_api_key (
    name        VARCHAR(100) PRIMARY KEY,
    key_hash    VARCHAR(64)  NOT NULL UNIQUE,
    scopes      VARCHAR(500) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE
);

CREATE TABLE vafa_idempotent_request (
    api_key       VARCHAR(100) NOT NULL,
    idem_key      VARCHAR(200) NOT NULL,
    request_hash  VARCHAR(64)  NOT NULL,
    status        INT,
    content_type  VARCHAR(200),
    body          VARCHAR,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (api_key, idem_key)
);
