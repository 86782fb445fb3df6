-- Operators' console sessions (Karaf JAAS users): only a hash of the session cookie's token and of its CSRF token is
-- kept, with the API scopes the operator's roles gave at sign-in.
CREATE TABLE vafa_operator_session (
    token_hash  VARCHAR(64)  PRIMARY KEY,
    operator    VARCHAR(100) NOT NULL,
    scopes      VARCHAR(500) NOT NULL,
    csrf_hash   VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX vafa_operator_session_operator ON vafa_operator_session (operator);
