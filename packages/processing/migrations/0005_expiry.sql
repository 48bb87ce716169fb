-- Up Migration
-- When the ledger let the hold of an approved authorization lapse (HoldExpired): nothing is left
-- to reverse after that.
ALTER TABLE authorizations ADD COLUMN expired_at timestamptz;

-- Down Migration
ALTER TABLE authorizations DROP COLUMN expired_at;
