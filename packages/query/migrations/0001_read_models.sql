-- Up Migration
-- Read models: disposable, rebuilt from the event store at will.
CREATE TABLE partners (
  id text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE api_keys (
  key_hash text PRIMARY KEY,
  api_key_id text NOT NULL UNIQUE,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  redacted_key text NOT NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);

CREATE TABLE cardholders (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  type text NOT NULL,
  status text NOT NULL,
  kyc_status text NOT NULL,
  business_id text,
  individual jsonb,
  business jsonb,
  email text,
  phone_number text,
  metadata jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  version integer NOT NULL
);
-- Lists are newest first within a tenant; ids are time-ordered, so the id is the cursor.
CREATE INDEX cardholders_list ON cardholders (partner_id, livemode, id DESC);

-- How far each stream has been applied: what a Koban-Consistency token waits for.
CREATE TABLE stream_versions (
  stream_id text PRIMARY KEY,
  version integer NOT NULL
);

-- Down Migration
DROP TABLE stream_versions;
DROP TABLE cardholders;
DROP TABLE api_keys;
DROP TABLE partners;
