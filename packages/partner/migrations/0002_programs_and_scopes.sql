-- Up Migration
-- What each key may do. Keys made before scopes existed could do everything, and keep that.
ALTER TABLE api_keys ADD COLUMN scopes text[];
UPDATE api_keys SET scopes = ARRAY['cardholders:read', 'cardholders:write', 'cards:read', 'cards:write',
  'cards:read_sensitive', 'programs:read'];
ALTER TABLE api_keys ALTER COLUMN scopes SET NOT NULL;

-- A partner's card programs, one mode each; each is its own stream (prg_…).
CREATE TABLE programs (
  id text PRIMARY KEY,
  partner_id text NOT NULL REFERENCES partners (id),
  livemode boolean NOT NULL,
  name text NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  timezone text NOT NULL,
  bin_prefix text NOT NULL CHECK (bin_prefix ~ '^[0-9]{6,8}$'),
  pan_length smallint NOT NULL,
  default_spend_controls jsonb NOT NULL,
  default_funding_source_id text,
  created_at timestamptz NOT NULL,
  version integer NOT NULL
);
CREATE INDEX programs_partner ON programs (partner_id, livemode);

-- Down Migration
DROP TABLE programs;
ALTER TABLE api_keys DROP COLUMN scopes;
