-- Up Migration
-- A compliance hold placed by Koban's staff: the card declines, and the partner cannot activate,
-- unfreeze or replace it until staff lift the hold. Null when the card is not held.
ALTER TABLE cards
  ADD COLUMN hold_reason text,
  ADD COLUMN hold_placed_by text,
  ADD COLUMN hold_placed_at timestamptz;

-- Down Migration
ALTER TABLE cards DROP COLUMN hold_reason, DROP COLUMN hold_placed_by, DROP COLUMN hold_placed_at;
