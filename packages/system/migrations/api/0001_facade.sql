-- Up Migration
-- A write the facade sent as a command; its document completes it (GET /v1/operations/{id}).
CREATE TABLE operations (
  id text PRIMARY KEY,
  command_id uuid NOT NULL UNIQUE,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  command_type text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  resource jsonb,
  error jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);

-- Idempotency-Key: one row per key and tenant; the first response is kept and replayed.
CREATE TABLE idempotency_keys (
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  response_status integer,
  response_headers jsonb,
  response_body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (partner_id, livemode, key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);

-- Down Migration
DROP TABLE idempotency_keys;
DROP TABLE operations;
