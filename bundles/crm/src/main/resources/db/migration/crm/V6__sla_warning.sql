-- The deadline a ticket's holder was last warned about (a new deadline, after escalation or a resumed clock, warns again).
ALTER TABLE crm_ticket ADD COLUMN warned_due_at TIMESTAMP WITH TIME ZONE;
