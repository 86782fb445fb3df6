-- Settings that operators change at run time and every node must see alike (e.g. the organisation's branding):
-- one JSON document per name.
CREATE TABLE vafa_setting (
    name        VARCHAR(60)   PRIMARY KEY,
    value_json  VARCHAR       NOT NULL,
    updated_by  VARCHAR(100)  NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
