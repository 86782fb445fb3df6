-- The club's side of each sale made through the checkout API (a till, a shop), and of its refunds:
-- the answer given, so a repeated call gets the same one, and what a refund may still give back.
CREATE TABLE club_checkout (
    source        VARCHAR(200)   PRIMARY KEY,
    member_id     VARCHAR(36)    REFERENCES club_member (id),
    total         DECIMAL(19, 2) NOT NULL,
    result_json   VARCHAR        NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX club_checkout_member ON club_checkout (member_id, created_at);

CREATE TABLE club_checkout_refund (
    refund        VARCHAR(200)   PRIMARY KEY,
    source        VARCHAR(200)   NOT NULL REFERENCES club_checkout (source),
    share         DECIMAL(12, 10) NOT NULL,
    result_json   VARCHAR        NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX club_checkout_refund_source ON club_checkout_refund (source);
