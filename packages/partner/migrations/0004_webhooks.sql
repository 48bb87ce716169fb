-- Up Migration
-- A partner's webhook endpoints, one mode each; each is its own stream (we_…).
CREATE TABLE webhook_endpoints (
  id text PRIMARY KEY,
  partner_id text NOT NULL REFERENCES partners (id),
  livemode boolean NOT NULL,
  url text NOT NULL,
  description text,
  enabled_events text[] NOT NULL,
  status text NOT NULL CHECK (status IN ('enabled', 'disabled')),
  created_at timestamptz NOT NULL,
  deleted_at timestamptz,
  version integer NOT NULL
);
CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (partner_id, livemode) WHERE deleted_at IS NULL;

-- Signing secrets, sealed with WEBHOOK_SECRET_KEYS (AES-256-GCM, the endpoint id as associated
-- data). Encrypted, not hashed: they sign. A rotated-out one signs until it expires.
CREATE TABLE webhook_secrets (
  endpoint_id text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  generation integer NOT NULL,
  ciphertext bytea NOT NULL,
  key_version integer NOT NULL,
  iv bytea NOT NULL,
  tag bytea NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  PRIMARY KEY (endpoint_id, generation)
);

-- The public events to deliver, as the query side rendered them (kept as text: the bytes signed).
CREATE TABLE webhook_events (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  type text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL
);

-- One event to one endpoint; each is its own stream (whd_…). The schedule is these rows:
-- `next_attempt_at` says when an attempt is due, `lease_until` that a deliverer holds it.
CREATE TABLE webhook_deliveries (
  id text PRIMARY KEY,
  endpoint_id text NOT NULL REFERENCES webhook_endpoints (id),
  event_id text NOT NULL REFERENCES webhook_events (id),
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'canceled')),
  attempt_count integer NOT NULL DEFAULT 0,
  -- Failed attempts since the schedule last started (a manual redelivery starts it over).
  schedule_step integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  lease_until timestamptz,
  lease_id uuid,
  created_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 0,
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';

CREATE TABLE webhook_attempts (
  delivery_id text NOT NULL REFERENCES webhook_deliveries (id),
  attempt integer NOT NULL,
  attempted_at timestamptz NOT NULL,
  succeeded boolean NOT NULL,
  response_status integer,
  latency_ms integer NOT NULL,
  error text,
  PRIMARY KEY (delivery_id, attempt)
);

-- Down Migration
DROP TABLE webhook_attempts;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_events;
DROP TABLE webhook_secrets;
DROP TABLE webhook_endpoints;
