-- Work for staff, created by staff or by routes (e.g. a verification call for a self-registered member).
CREATE TABLE crm_task (
    id             VARCHAR(36)   PRIMARY KEY,
    kind           VARCHAR(60)   NOT NULL,      -- e.g. verification-call, follow-up
    title          VARCHAR(200)  NOT NULL,
    assignee       VARCHAR(40),                 -- a member of staff
    role           VARCHAR(20),                 -- or a role: expert, supervisor, manager
    customer_id    VARCHAR(36)   REFERENCES crm_customer (id),
    member_id      VARCHAR(36),
    reference      VARCHAR(100),
    due_at         TIMESTAMP WITH TIME ZONE,
    status         VARCHAR(10)   NOT NULL,      -- open, done, cancelled
    outcome        VARCHAR(60),
    note           VARCHAR(2000),
    source_event   VARCHAR(64)   UNIQUE,        -- the event a route made it from: once per event
    created_by     VARCHAR(100)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    done_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX crm_task_open ON crm_task (status, due_at);
