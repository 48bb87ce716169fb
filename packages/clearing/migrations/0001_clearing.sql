-- Up Migration
-- clearing's copies (principle 3) of what it needs from other contexts' events: cards by the
-- keyed digest of their number (CardIssued), programs' currency and time zone (ProgramCreated),
-- and authorizations by the network ids they were requested with (AuthorizationRequested,
-- AuthorizationAdvised). Never a card number.
CREATE TABLE cards (
  id text PRIMARY KEY,
  pan_digest text NOT NULL UNIQUE CHECK (pan_digest ~ '^[0-9a-f]{64}$'),
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  cardholder_id text NOT NULL,
  program_id text NOT NULL
);

CREATE TABLE programs (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  currency text NOT NULL,
  timezone text NOT NULL
);

CREATE TABLE authorizations (
  id text PRIMARY KEY,
  -- The authorization saga's correlation id: its clearing joins the same timeline.
  saga_id text NOT NULL,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  card_id text NOT NULL,
  amount bigint NOT NULL,
  currency text NOT NULL,
  stan text NOT NULL,
  rrn text NOT NULL
);
CREATE INDEX authorizations_network ON authorizations (rrn, stan);

-- One row per clearing file read (or simulated record sent), with what became of its lines.
CREATE TABLE files (
  id text PRIMARY KEY,
  name text NOT NULL,
  imported_at timestamptz NOT NULL,
  records integer NOT NULL DEFAULT 0,
  accepted integer NOT NULL DEFAULT 0,
  duplicates integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0
);

-- One row per clearing record: a transaction. Its network ids make it unique (a record sent
-- again, in this file or another, is the same record). Cleared (Trying) until account posts it
-- (posted) or cannot (refused).
CREATE TABLE transactions (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  kind text NOT NULL CHECK (kind IN ('presentment', 'refund')),
  arn text NOT NULL CHECK (arn ~ '^\d{23}$'),
  authorization_id text,
  card_id text NOT NULL,
  cardholder_id text NOT NULL,
  program_id text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  sequence integer NOT NULL,
  count integer NOT NULL CHECK (sequence BETWEEN 1 AND count),
  fee bigint NOT NULL CHECK (fee >= 0),
  settlement_date date NOT NULL,
  file_id text NOT NULL REFERENCES files (id),
  line integer NOT NULL,
  cleared_at timestamptz NOT NULL,
  correlation_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('cleared', 'posted', 'refused')),
  type text CHECK (type IN ('purchase', 'refund', 'force_post')),
  forced boolean,
  shortfall bigint,
  posted_at timestamptz,
  refusal text,
  settlement_id text,
  CHECK ((status = 'posted') = (posted_at IS NOT NULL AND type IS NOT NULL))
);
CREATE UNIQUE INDEX transactions_network_ids ON transactions (kind, arn);
CREATE INDEX transactions_unsettled ON transactions (partner_id, livemode, currency, posted_at)
  WHERE status = 'posted' AND settlement_id IS NULL;

-- Down Migration
DROP TABLE transactions;
DROP TABLE files;
DROP TABLE authorizations;
DROP TABLE programs;
DROP TABLE cards;
