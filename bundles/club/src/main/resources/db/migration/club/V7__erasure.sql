-- An erased member keeps their row (its id holds the points, purchases and vouchers the books need) with no
-- personal data: no mobile, so that the number can register afresh.
ALTER TABLE club_member ALTER COLUMN mobile DROP NOT NULL;
