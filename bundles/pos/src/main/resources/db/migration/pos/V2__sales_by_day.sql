-- The dashboard's sales per branch read by day, not by sale: this index serves the period's sales in time order.
CREATE INDEX pos_sale_sold ON pos_sale (sold_at, branch_code);
