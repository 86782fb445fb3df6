-- Sales documents: a proforma (pre-invoice) becomes an invoice (numbered per year without gaps) and the invoice a
-- warehouse dispatch note. Amounts are kept for the books, also after a member's personal data is erased.
CREATE TABLE crm_document (
    id           VARCHAR(36)    PRIMARY KEY,
    kind         VARCHAR(10)    NOT NULL,      -- proforma, invoice, dispatch
    number       VARCHAR(20)    NOT NULL,      -- e.g. INV-1405-000012 (year of the platform's calendar)
    customer_id  VARCHAR(36)    NOT NULL REFERENCES crm_customer (id),
    source_id    VARCHAR(36)    REFERENCES crm_document (id),
    status       VARCHAR(12)    NOT NULL,      -- open, converted, cancelled; invoice: issued, dispatched, cancelled; dispatch: issued
    currency     VARCHAR(3)     NOT NULL,
    subtotal     DECIMAL(19, 2) NOT NULL,
    vat_rate     DECIMAL(5, 2)  NOT NULL,
    vat          DECIMAL(19, 2) NOT NULL,
    total        DECIMAL(19, 2) NOT NULL,
    lines_json   VARCHAR        NOT NULL,
    created_by   VARCHAR(100)   NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (kind, number)
);
CREATE INDEX crm_document_customer ON crm_document (customer_id, created_at);
CREATE UNIQUE INDEX crm_document_source ON crm_document (kind, source_id);

-- The last number given per kind and year: locked while a number is given, so invoices have no gaps.
CREATE TABLE crm_document_counter (
    kind         VARCHAR(10) NOT NULL,
    doc_year     INT         NOT NULL,
    last_number  BIGINT      NOT NULL,
    PRIMARY KEY (kind, doc_year)
);
