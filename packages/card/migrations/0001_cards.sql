-- Up Migration
-- Copies of facts other contexts own (principle 3), kept from their events: programs from
-- partner's ProgramCreated (until partner publishes it, recordProgram writes them), cardholders
-- from cardholder's events. Nothing but `card` reads these.
CREATE TABLE programs (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  bin_prefix text NOT NULL CHECK (bin_prefix ~ '^[0-9]{6,8}$'),
  pan_length smallint NOT NULL DEFAULT 16 CHECK (pan_length BETWEEN 13 AND 19),
  timezone text NOT NULL
);

CREATE TABLE cardholders (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  status text NOT NULL,
  -- The cardholder's stream version this copy reflects: an older event changes nothing.
  version integer NOT NULL
);

-- No foreign keys to the copies: a copy may lag its owner, and a card must never be lost to that.
CREATE TABLE cards (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  cardholder_id text NOT NULL,
  program_id text NOT NULL,
  type text NOT NULL CHECK (type IN ('virtual', 'physical')),
  status text NOT NULL CHECK (status IN ('inactive', 'active', 'frozen', 'closed')),
  last4 text NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
  exp_month smallint NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
  exp_year smallint NOT NULL,
  spend_controls jsonb NOT NULL,
  funding_source_id text,
  closed_reason text CHECK ((status = 'closed') = (closed_reason IS NOT NULL)),
  replacement_for text REFERENCES cards (id),
  replacement_reason text CHECK ((replacement_for IS NULL) = (replacement_reason IS NULL)),
  replaced_by text REFERENCES cards (id),
  created_at timestamptz NOT NULL,
  version integer NOT NULL
);
CREATE INDEX cards_tenant ON cards (partner_id, livemode);
CREATE INDEX cards_cardholder ON cards (cardholder_id);
-- A card is replaced at most once.
CREATE UNIQUE INDEX cards_replacement_for ON cards (replacement_for);

-- The only place a card number is kept, and only encrypted (AES-256-GCM, the card id as
-- associated data). The row is written just before its card's, in the same transaction.
CREATE TABLE vault (
  card_id text PRIMARY KEY REFERENCES cards (id) DEFERRABLE INITIALLY DEFERRED,
  pan_ciphertext bytea NOT NULL,
  key_version integer NOT NULL CHECK (key_version > 0),
  iv bytea NOT NULL CHECK (octet_length(iv) = 12),
  tag bytea NOT NULL CHECK (octet_length(tag) = 16),
  -- HMAC-SHA256 of the number (hex): how a number is found, and why no two cards share one.
  pan_digest text NOT NULL UNIQUE CHECK (pan_digest ~ '^[0-9a-f]{64}$')
);
-- Finds the entries still under an old key when keys rotate.
CREATE INDEX vault_key_version ON vault (key_version);

-- Every read of a card's number and security code: who, when, for which request.
CREATE TABLE sensitive_reads (
  id bigserial PRIMARY KEY,
  card_id text NOT NULL REFERENCES cards (id),
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('api_key', 'staff')),
  actor_id text NOT NULL,
  request_id text,
  read_at timestamptz NOT NULL
);
CREATE INDEX sensitive_reads_card ON sensitive_reads (card_id, read_at);

-- Down Migration
DROP TABLE sensitive_reads;
DROP TABLE vault;
DROP TABLE cards;
DROP TABLE cardholders;
DROP TABLE programs;
