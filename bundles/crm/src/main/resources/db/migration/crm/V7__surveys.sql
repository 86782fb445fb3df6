-- Short surveys (a few questions: one choice, 1-5, free text), the invitation a route sends a customer (one per
-- customer and survey: they answer once), and the answers.
CREATE TABLE crm_survey (
    id              VARCHAR(60)   PRIMARY KEY,
    title           VARCHAR(200)  NOT NULL,
    questions_json  VARCHAR(20000) NOT NULL,
    active          BOOLEAN       NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE crm_survey_invitation (
    id            VARCHAR(36)  PRIMARY KEY,
    survey_id     VARCHAR(60)  NOT NULL REFERENCES crm_survey (id),
    customer_id   VARCHAR(36)  NOT NULL REFERENCES crm_customer (id),
    source_event  VARCHAR(100),
    invited_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at   TIMESTAMP WITH TIME ZONE,
    answers_json  VARCHAR(20000),
    UNIQUE (survey_id, customer_id)
);
