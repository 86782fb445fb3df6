-- When the gateway was last asked about a sent message's delivery: the ones asked longest ago go first,
-- so messages that never reach a final status cannot keep newer ones from being asked.
ALTER TABLE sms_message ADD COLUMN report_asked_at TIMESTAMP;
