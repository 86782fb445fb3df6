-- The SMS outbox and message box: every message the server sends or receives, with its status.
-- A message for an event is queued once (dedup_key = event id + message type), sent by the dispatcher
-- through the active gateway, retried with backoff while the gateway is down, parked with the reason
-- when the gateway refuses it for good.
CREATE TABLE sms_message (
    id                  VARCHAR(36)   PRIMARY KEY,
    dedup_key           VARCHAR(250)  UNIQUE,
    direction           VARCHAR(3)    NOT NULL,      -- OUT or IN
    member_id           VARCHAR(36),
    staff_user          VARCHAR(100),
    phone               VARCHAR(20)   NOT NULL,      -- E.164: the recipient (OUT) or the sender (IN)
    message_type        VARCHAR(60)   NOT NULL,
    sender_line         VARCHAR(30),
    body                VARCHAR(4000) NOT NULL,
    encoding            VARCHAR(5)    NOT NULL,      -- GSM7 or UCS2
    parts               INT           NOT NULL,
    status              VARCHAR(12)   NOT NULL,      -- QUEUED, SENT, DELIVERED, FAILED, PARKED, SKIPPED, RECEIVED
    reason              VARCHAR(500),
    gateway             VARCHAR(40),
    gateway_message_id  VARCHAR(100),
    attempts            INT           NOT NULL,
    next_attempt_at     TIMESTAMP WITH TIME ZONE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at             TIMESTAMP WITH TIME ZONE,
    delivered_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX sms_message_due ON sms_message (status, next_attempt_at);
CREATE INDEX sms_message_member ON sms_message (member_id, created_at);
CREATE INDEX sms_message_phone ON sms_message (phone, created_at);
CREATE INDEX sms_message_gateway_id ON sms_message (gateway, gateway_message_id);

-- Numbers that answered "stop" (or «لغو»): no more messages but urgent ones.
CREATE TABLE sms_opt_out (
    phone        VARCHAR(20)  PRIMARY KEY,
    opted_out_at TIMESTAMP WITH TIME ZONE NOT NULL,
    via          VARCHAR(100) NOT NULL
);
