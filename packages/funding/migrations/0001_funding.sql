-- Up Migration
-- A partner's funding sources, one mode each; each is its own stream (fs_…).
CREATE TABLE sources (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  type text NOT NULL CHECK (type IN ('prefunded', 'jit_gateway')),
  description text,
  gateway_url text,
  gateway_deadline_ms integer CHECK (gateway_deadline_ms BETWEEN 100 AND 1800),
  gateway_stand_in text CHECK (gateway_stand_in IN ('approve', 'decline')),
  created_at timestamptz NOT NULL,
  version integer NOT NULL,
  CHECK ((type = 'jit_gateway') = (gateway_url IS NOT NULL AND gateway_deadline_ms IS NOT NULL
    AND gateway_stand_in IS NOT NULL))
);
CREATE INDEX sources_tenant ON sources (partner_id, livemode);

-- A gateway's signing secret, sealed with FUNDING_SECRET_KEYS (AES-256-GCM, the source id as
-- associated data). Encrypted, not hashed: it signs.
CREATE TABLE source_secrets (
  source_id text PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
  ciphertext bytea NOT NULL,
  key_version integer NOT NULL,
  iv bytea NOT NULL,
  tag bytea NOT NULL,
  created_at timestamptz NOT NULL
);

-- Copies of what funding needs from others' events: which source a card and a program name.
CREATE TABLE cards (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  program_id text NOT NULL,
  cardholder_id text NOT NULL,
  funding_source_id text,
  last4 text NOT NULL
);

CREATE TABLE programs (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  default_funding_source_id text
);

-- funding's part of each authorization saga: Trying once decided, then Confirmed or Canceled.
-- A row that is Canceled with no outcome was never tried: the outcome came first, and the
-- request that follows it is not decided (nor its gateway asked).
CREATE TABLE decisions (
  authorization_id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  state text NOT NULL CHECK (state IN ('deciding', 'trying', 'confirmed', 'canceled')),
  funding_source_id text,
  outcome text CHECK (outcome IN ('ok', 'ng', 'failure')),
  -- The decline reason (ng) or the error (failure).
  reason text,
  stand_in boolean NOT NULL DEFAULT false,
  -- What the partner's gateway did: its status, how long it took, and what was wrong with its
  -- answer when the stand-in rule decided instead.
  gateway_status integer,
  gateway_latency_ms integer,
  gateway_problem text,
  decided_at timestamptz,
  settled_at timestamptz
);

-- Down Migration
DROP TABLE decisions;
DROP TABLE programs;
DROP TABLE cards;
DROP TABLE source_secrets;
DROP TABLE sources;
