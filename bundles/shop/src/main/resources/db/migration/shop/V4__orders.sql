-- Orders from storefronts (WooCommerce webhooks and its reconciliation poll, the signed webhook form, REST), each once
-- per storefront order and never replaced by an older delivery (by the storefront's own modification time), and the
-- stock each open order holds back from what is for sale.
CREATE TABLE shop_order (
    id            VARCHAR(100) PRIMARY KEY,            -- <storefront>-<the storefront's order id>
    storefront    VARCHAR(30)  NOT NULL,
    external_id   VARCHAR(60)  NOT NULL,
    status        VARCHAR(12)  NOT NULL,               -- waiting, placed, dispatched, cancelled
    storefront_status VARCHAR(30) NOT NULL,            -- the storefront's own word (processing, on-hold, ...)
    modified_at   TIMESTAMP WITH TIME ZONE NOT NULL,   -- the storefront's modification time of what is held
    order_json    VARCHAR        NOT NULL,             -- the order as received (customer, lines, total)
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT shop_order_external UNIQUE (storefront, external_id)
);
CREATE INDEX shop_order_updated ON shop_order (updated_at);

CREATE TABLE shop_reservation (
    order_id   VARCHAR(100)   NOT NULL,
    sku        VARCHAR(100)   NOT NULL,
    quantity   DECIMAL(19, 3) NOT NULL,
    PRIMARY KEY (order_id, sku)
);
CREATE INDEX shop_reservation_sku ON shop_reservation (sku);
