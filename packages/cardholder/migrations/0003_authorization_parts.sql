-- Up Migration
-- `cardholder`'s copy of `partner`'s programs (principle 3): the time zone a cardholder's daily
-- and monthly limits count in, kept from ProgramCreated.
CREATE TABLE programs (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  timezone text NOT NULL
);

-- `cardholder`'s part of each authorization of any of its cards (the saga's Trying, Confirmed or
-- Canceled): what the cardholder's own limits count, across its cards.
CREATE TABLE authorization_parts (
  authorization_id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  cardholder_id text NOT NULL,
  card_id text NOT NULL,
  amount bigint NOT NULL CHECK (amount >= 0),
  currency text NOT NULL,
  requested_at timestamptz NOT NULL,
  -- The verdict cardholder published; null while only the outcome has arrived (it overtook the request).
  result jsonb,
  state text NOT NULL CHECK (state IN ('trying', 'confirmed', 'canceled')),
  -- Whether the part counts toward the cardholder's limits (the domain's rule, kept here to be summed).
  counted boolean NOT NULL,
  checked_at timestamptz,
  settled_at timestamptz,
  CHECK ((result IS NULL) = (checked_at IS NULL)),
  CHECK ((state = 'trying') = (settled_at IS NULL))
);
CREATE INDEX authorization_parts_counted ON authorization_parts (cardholder_id, requested_at) WHERE counted;

-- Down Migration
DROP TABLE authorization_parts;
DROP TABLE programs;
