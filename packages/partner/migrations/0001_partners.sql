-- Up Migration
CREATE TABLE partners (
  id text PRIMARY KEY,
  name text NOT NULL,
  version integer NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE api_keys (
  id text PRIMARY KEY,
  partner_id text NOT NULL REFERENCES partners (id),
  livemode boolean NOT NULL,
  -- SHA-256 of the key: keys are long random strings, so a fast hash is enough to make a leak useless.
  key_hash text NOT NULL UNIQUE,
  redacted_key text NOT NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);

-- Down Migration
DROP TABLE api_keys;
DROP TABLE partners;
