-- Up Migration
-- A compliance hold placed by Koban's staff: every card of the cardholder declines, and the
-- partner cannot reactivate it until staff lift the hold. Null when the cardholder is not held.
ALTER TABLE cardholders
  ADD COLUMN hold_reason text,
  ADD COLUMN hold_placed_by text,
  ADD COLUMN hold_placed_at timestamptz;

-- Down Migration
ALTER TABLE cardholders DROP COLUMN hold_reason, DROP COLUMN hold_placed_by, DROP COLUMN hold_placed_at;
