-- Up Migration
-- `card`'s part of each authorization (the saga's Trying, Confirmed or Canceled), one row per
-- authorization: what the card's velocity and amount limits count.
CREATE TABLE authorization_parts (
  authorization_id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  card_id text NOT NULL,
  amount bigint NOT NULL CHECK (amount >= 0),
  currency text NOT NULL,
  requested_at timestamptz NOT NULL,
  -- The verdict card published; null while only the outcome has arrived (it overtook the request).
  result jsonb,
  state text NOT NULL CHECK (state IN ('trying', 'confirmed', 'canceled')),
  -- Whether the part counts toward the card's limits (the domain's rule, kept here to be summed).
  counted boolean NOT NULL,
  checked_at timestamptz,
  settled_at timestamptz,
  CHECK ((result IS NULL) = (checked_at IS NULL)),
  CHECK ((state = 'trying') = (settled_at IS NULL))
);
CREATE INDEX authorization_parts_counted ON authorization_parts (card_id, requested_at) WHERE counted;

-- Down Migration
DROP TABLE authorization_parts;
