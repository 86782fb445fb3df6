-- How far each ERP feed has read (a row version or a change time), saved in the transaction that applies what it read.
CREATE TABLE shop_feed_position (
    feed        VARCHAR(60)  PRIMARY KEY,
    position    VARCHAR(100) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
