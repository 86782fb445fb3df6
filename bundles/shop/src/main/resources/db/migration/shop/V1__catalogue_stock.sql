-- The catalogue, stock per warehouse (with the ERP's own sequence or time of each figure, so that an older update
-- arriving after a newer one never wins), and each product's availability as storefronts are told it.
CREATE TABLE shop_product (
    sku         VARCHAR(100)  PRIMARY KEY,
    name        VARCHAR(300)  NOT NULL,
    name_en     VARCHAR(300),
    category    VARCHAR(200),
    price       DECIMAL(19, 2) NOT NULL,
    currency    VARCHAR(3)    NOT NULL,
    active      BOOLEAN       NOT NULL,
    backorders  BOOLEAN       NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX shop_product_category ON shop_product (category);

CREATE TABLE shop_stock (
    sku          VARCHAR(100) NOT NULL,
    warehouse    VARCHAR(60)  NOT NULL,
    quantity     DECIMAL(19, 3) NOT NULL,
    source_seq   BIGINT,
    source_time  TIMESTAMP WITH TIME ZONE,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sku, warehouse)
);

CREATE TABLE shop_availability (
    sku         VARCHAR(100) PRIMARY KEY,
    quantity    DECIMAL(19, 3) NOT NULL,
    status      VARCHAR(12)  NOT NULL,       -- instock, outofstock, onbackorder
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
