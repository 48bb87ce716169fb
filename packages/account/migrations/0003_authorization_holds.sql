-- Up Migration
-- account's part of each authorization saga: the hold it placed for it (or why none), Trying
-- until the outcome, then Confirmed (the hold waits for clearing) or Canceled (the hold voided).
-- A decline seen before the funding decision is kept too, so a late decision places no hold.
CREATE TABLE authorization_holds (
  authorization_id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  hold_id text,
  state text NOT NULL CHECK (state IN ('trying', 'confirmed', 'canceled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz
);

-- Down Migration
DROP TABLE authorization_holds;
