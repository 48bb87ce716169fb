-- Up Migration
-- processing's copy of the cards `card` issues (principle 3), from CardIssued: how the gateway
-- finds a card by the keyed digest of the number the network sends. Never a number.
CREATE TABLE cards (
  id text PRIMARY KEY,
  pan_digest text NOT NULL UNIQUE CHECK (pan_digest ~ '^[0-9a-f]{64}$'),
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  cardholder_id text NOT NULL,
  program_id text NOT NULL
);

-- One row per request the network made (0100), from the moment it is recorded to its decision.
-- The three results are filled in as they arrive; the decision is made once, by whoever moves
-- status away from 'pending' first (a result completing the set, the waiting gateway's timer, or
-- the sweeper), each under the row's lock.
CREATE TABLE authorizations (
  id text PRIMARY KEY,
  -- The saga's correlation id: AuthorizationRequested and every result carry it.
  saga_id uuid NOT NULL UNIQUE,
  -- NULL only for a request naming no card we know (answered 14 at once, no tenant, no saga).
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
  requested_at timestamptz NOT NULL,
  decide_by timestamptz NOT NULL,
  -- Each participant's verdict as it arrived: { result, at, message_id }.
  card_result jsonb,
  cardholder_result jsonb,
  money_result jsonb,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'declined')),
  decline_reason text,
  response_code text CHECK (response_code ~ '^[0-9A-Z]{2}$'),
  approval_code text CHECK (approval_code ~ '^[0-9A-Z]{6}$'),
  -- What decided: 'results' (all three in), 'deadline' (the gateway's timer), 'sweeper', 'unknown_card'.
  decided_by text,
  decided_at timestamptz,
  CHECK ((card_id IS NULL) = (partner_id IS NULL)),
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK ((status = 'approved') = (approval_code IS NOT NULL)),
  CHECK (status <> 'declined' OR response_code IS NOT NULL)
);
-- The sweeper's look-up: only what is still undecided.
CREATE INDEX authorizations_due ON authorizations (decide_by) WHERE status = 'pending';
CREATE INDEX authorizations_network ON authorizations (rrn, stan);
CREATE INDEX authorizations_card ON authorizations (card_id);

-- Down Migration
DROP TABLE authorizations;
DROP TABLE cards;
