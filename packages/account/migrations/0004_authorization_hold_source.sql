-- Up Migration
-- What the hold debits, so a partial reversal can hold the rest on the same balance.
ALTER TABLE authorization_holds ADD COLUMN hold_source jsonb;

-- Down Migration
ALTER TABLE authorization_holds DROP COLUMN hold_source;
