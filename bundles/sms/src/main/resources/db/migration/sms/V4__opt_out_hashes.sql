-- Opt-outs of erased people: the number's SHA-256 only, so that they are still never texted marketing.
CREATE TABLE sms_opt_out_hashed (
    phone_hash   VARCHAR(64)  PRIMARY KEY,
    opted_out_at TIMESTAMP WITH TIME ZONE NOT NULL
);
