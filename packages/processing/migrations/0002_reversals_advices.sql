-- Up Migration
-- Each reversal (0400) the network sent, once: networks repeat a reversal until it is
-- acknowledged, so its own STAN and RRN are unique and a repeat is answered as the first was.
CREATE TABLE reversals (
  id uuid PRIMARY KEY,
  authorization_id text REFERENCES authorizations (id),
  stan text NOT NULL,
  rrn text NOT NULL,
  original_stan text NOT NULL,
  original_rrn text NOT NULL,
  -- What the network asked to reverse, and what was released (less when less was left).
  requested_amount bigint NOT NULL CHECK (requested_amount > 0),
  released_amount bigint NOT NULL DEFAULT 0 CHECK (released_amount >= 0),
  response_code text NOT NULL CHECK (response_code ~ '^[0-9A-Z]{2}$'),
  received_at timestamptz NOT NULL,
  UNIQUE (rrn, stan)
);
CREATE INDEX reversals_authorization ON reversals (authorization_id);

-- Released so far, and the authorization stream's version (1 requested, 2 decided, then one per reversal).
ALTER TABLE authorizations ADD COLUMN reversed_amount bigint NOT NULL DEFAULT 0 CHECK (reversed_amount >= 0);
ALTER TABLE authorizations ADD COLUMN stream_version integer NOT NULL DEFAULT 1;

-- What the network decided on the issuer's behalf (0120), as it advised; no saga runs for these.
CREATE TABLE advices (
  id text PRIMARY KEY,
  -- NULL for a card we do not know: recorded, acknowledged, published nowhere.
  card_id text,
  partner_id text,
  livemode boolean,
  cardholder_id text,
  program_id text,
  pan_digest text NOT NULL CHECK (pan_digest ~ '^[0-9a-f]{64}$'),
  amount bigint NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  merchant jsonb NOT NULL,
  stan text NOT NULL,
  rrn text NOT NULL,
  response_code text NOT NULL CHECK (response_code ~ '^[0-9A-Z]{2}$'),
  approval_code text CHECK (approval_code ~ '^[0-9A-Z]{6}$'),
  received_at timestamptz NOT NULL,
  UNIQUE (rrn, stan),
  CHECK ((card_id IS NULL) = (partner_id IS NULL))
);

-- Down Migration
DROP TABLE advices;
ALTER TABLE authorizations DROP COLUMN stream_version;
ALTER TABLE authorizations DROP COLUMN reversed_amount;
DROP TABLE reversals;
