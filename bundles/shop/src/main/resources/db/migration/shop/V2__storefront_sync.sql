-- What each storefront adapter has still to be told: one row per adapter and SKU, however many changes came (the
-- state sent is the latest at the moment of sending); a row the storefront refused is parked with its reason.
CREATE TABLE shop_storefront_pending (
    adapter          VARCHAR(60)  NOT NULL,
    sku              VARCHAR(100) NOT NULL,
    version          BIGINT       NOT NULL,
    attempts         INT          NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    parked_reason    VARCHAR(1000),
    changed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (adapter, sku)
);
CREATE INDEX shop_storefront_pending_due ON shop_storefront_pending (adapter, next_attempt_at);

-- The adapters seen so far: a storefront installed for the first time is told the availability of every SKU.
CREATE TABLE shop_storefront (
    adapter     VARCHAR(60) PRIMARY KEY,
    first_seen  TIMESTAMP WITH TIME ZONE NOT NULL
);
