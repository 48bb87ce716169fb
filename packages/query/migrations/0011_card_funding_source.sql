-- Up Migration
-- The funding source a card pays from, when it has its own (else its program's pays).
ALTER TABLE cards ADD COLUMN funding_source_id text;

-- Down Migration
ALTER TABLE cards DROP COLUMN funding_source_id;
