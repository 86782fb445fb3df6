-- Reward notes: points that turned into a member's voucher by themselves when the balance crossed the programme's
-- threshold (Kohl's $5 per 100 points, a $20 Nordstrom Note per 2,000, a $25 SaksFirst gift card per 2,500).
CREATE TABLE club_note (
    id           VARCHAR(36)   PRIMARY KEY,
    member_id    VARCHAR(36)   NOT NULL REFERENCES club_member (id),
    points       BIGINT        NOT NULL,
    face_value   DECIMAL(19, 2) NOT NULL,
    currency     VARCHAR(3)    NOT NULL,
    voucher_code VARCHAR(40)   NOT NULL REFERENCES club_voucher (code),
    source       VARCHAR(200)  NOT NULL,               -- the sale whose points crossed the threshold
    status       VARCHAR(10)   NOT NULL,               -- ISSUED or VOID
    issued_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    voided_at    TIMESTAMP WITH TIME ZONE,
    voided_by    VARCHAR(200)                          -- the refund that took the points back
);
CREATE INDEX club_note_member ON club_note (member_id, issued_at);
