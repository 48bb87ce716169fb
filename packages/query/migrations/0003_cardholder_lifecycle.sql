-- Up Migration
-- The cardholder's postal address as the API renders it (null until one is given).
ALTER TABLE cardholders ADD COLUMN address jsonb;

-- Down Migration
ALTER TABLE cardholders DROP COLUMN address;
