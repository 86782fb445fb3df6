-- The parts of a long text, for gateways that give each part its own id and receipt (SMPP): the message is
-- DELIVERED when every part is, FAILED when one part fails. A message sent as one part has no rows here.
CREATE TABLE sms_message_part (
    gateway            VARCHAR(40)  NOT NULL,
    gateway_message_id VARCHAR(100) NOT NULL,
    message_id         VARCHAR(36)  NOT NULL,
    part_no            INT          NOT NULL,
    delivered          BOOLEAN,                  -- NULL until its receipt comes
    PRIMARY KEY (gateway, gateway_message_id)
);
CREATE INDEX sms_message_part_message ON sms_message_part (message_id);
