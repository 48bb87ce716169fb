-- Up Migration
-- A rolled key keeps working until it expires.
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;

-- Down Migration
ALTER TABLE api_keys DROP COLUMN expires_at;
