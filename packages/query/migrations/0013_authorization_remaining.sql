-- Up Migration
-- What stays authorized after reversals (the amount until the first one).
ALTER TABLE authorizations ADD COLUMN remaining_amount bigint;

-- Down Migration
ALTER TABLE authorizations DROP COLUMN remaining_amount;
