-- The storefront order a proforma was made for (the shop's order id), carried to its invoice and dispatch note: the
-- dispatch tells the shop which order's goods left, and one order makes one proforma however often its event comes.
ALTER TABLE crm_document ADD COLUMN order_ref VARCHAR(100);
CREATE UNIQUE INDEX crm_document_order ON crm_document (kind, order_ref);
