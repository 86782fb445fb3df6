-- Branches, their registers (each with its own API key, found by the key's name), and what they sold.
CREATE TABLE pos_branch (
    code        VARCHAR(40)   PRIMARY KEY,
    name        VARCHAR(200)  NOT NULL,
    city        VARCHAR(100),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE pos_terminal (
    id          VARCHAR(60)   PRIMARY KEY,            -- <branch>-<name>, e.g. tehran-1-till-2
    branch_code VARCHAR(40)   NOT NULL REFERENCES pos_branch (code),
    name        VARCHAR(40)   NOT NULL,
    key_name    VARCHAR(100)  NOT NULL UNIQUE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (branch_code, name)
);
-- A sale is written PENDING before the club is asked and COMPLETED after, so a sale whose club part
-- committed is never lost: the register's retry, or the recovery route, completes it.
CREATE TABLE pos_sale (
    id            VARCHAR(36)    PRIMARY KEY,
    terminal_id   VARCHAR(60)    NOT NULL REFERENCES pos_terminal (id),
    receipt       VARCHAR(60)    NOT NULL,
    branch_code   VARCHAR(40)    NOT NULL,
    cashier       VARCHAR(100),
    member_id     VARCHAR(36),
    sold_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    currency      VARCHAR(3)     NOT NULL,
    subtotal      DECIMAL(19, 2),
    total         DECIMAL(19, 2),
    status        VARCHAR(10)    NOT NULL,           -- PENDING, COMPLETED
    request_hash  VARCHAR(64)    NOT NULL,
    request_json  VARCHAR        NOT NULL,
    answer_json   VARCHAR,
    UNIQUE (terminal_id, receipt)
);
CREATE INDEX pos_sale_member ON pos_sale (member_id, sold_at);
CREATE INDEX pos_sale_pending ON pos_sale (status, received_at);

-- What each sale sold, for refunds by line and for the seller's view of a member (favourite categories).
CREATE TABLE pos_sale_line (
    sale_id     VARCHAR(36)    NOT NULL REFERENCES pos_sale (id),
    line_no     INT            NOT NULL,
    sku         VARCHAR(100)   NOT NULL,
    category    VARCHAR(100),
    quantity    DECIMAL(19, 3) NOT NULL,
    unit_price  DECIMAL(19, 2) NOT NULL,
    PRIMARY KEY (sale_id, line_no)
);

CREATE TABLE pos_refund (
    sale_id      VARCHAR(36)    NOT NULL REFERENCES pos_sale (id),
    refund_no    VARCHAR(60)    NOT NULL,
    terminal_id  VARCHAR(60)    NOT NULL,
    amount       DECIMAL(19, 2) NOT NULL,
    lines_json   VARCHAR,
    answer_json  VARCHAR        NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sale_id, refund_no)
);
