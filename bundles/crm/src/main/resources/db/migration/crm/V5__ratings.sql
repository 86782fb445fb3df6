-- The customer's one answer to "were you satisfied?" after a ticket is closed (in the member API or by the signed
-- link texted at closing), and when the ticket was closed (the link's validity counts from it).
ALTER TABLE crm_ticket ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE crm_ticket ADD COLUMN rating VARCHAR(4);
ALTER TABLE crm_ticket ADD COLUMN rating_comment VARCHAR(1000);
ALTER TABLE crm_ticket ADD COLUMN rated_at TIMESTAMP WITH TIME ZONE;
