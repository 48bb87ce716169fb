-- Up Migration
-- A compliance hold placed by Koban's staff on a card or a cardholder: {reason, placed_by,
-- placed_at}, null when not held. The API shows the reason and time; placed_by is for staff.
ALTER TABLE cards ADD COLUMN compliance_hold jsonb;
ALTER TABLE cardholders ADD COLUMN compliance_hold jsonb;

-- Down Migration
ALTER TABLE cards DROP COLUMN compliance_hold;
ALTER TABLE cardholders DROP COLUMN compliance_hold;
