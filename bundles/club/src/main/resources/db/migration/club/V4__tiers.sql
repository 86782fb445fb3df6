-- Spend that counts for tiers (a purchase, or a refund as a negative amount), and each member's tier.
CREATE TABLE club_purchase (
    source        VARCHAR(200)  PRIMARY KEY,
    member_id     VARCHAR(36)   NOT NULL REFERENCES club_member (id),
    amount        DECIMAL(19, 2) NOT NULL,
    currency      VARCHAR(3)    NOT NULL,
    purchased_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX club_purchase_member ON club_purchase (member_id, purchased_at);

CREATE TABLE club_member_tier (
    member_id   VARCHAR(36)  PRIMARY KEY REFERENCES club_member (id),
    tier        VARCHAR(50)  NOT NULL,
    since       TIMESTAMP WITH TIME ZONE NOT NULL,
    reason      VARCHAR(500) NOT NULL,
    manual      BOOLEAN      NOT NULL
);
