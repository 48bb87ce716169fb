-- Up Migration
-- Compliance's list of open holds reads only the few held rows, whatever the number of cardholders.
CREATE INDEX cardholders_held ON cardholders (id) WHERE compliance_hold IS NOT NULL;
CREATE INDEX cards_held ON cards (cardholder_id) WHERE compliance_hold IS NOT NULL;

-- Down Migration
DROP INDEX cards_held;
DROP INDEX cardholders_held;
