-- Up Migration
-- A partner's admin may read a card's number in the console, audited as the API's reads are.
ALTER TABLE sensitive_reads DROP CONSTRAINT sensitive_reads_actor_type_check;
ALTER TABLE sensitive_reads ADD CONSTRAINT sensitive_reads_actor_type_check
  CHECK (actor_type IN ('api_key', 'staff', 'console_member'));

-- Down Migration
ALTER TABLE sensitive_reads DROP CONSTRAINT sensitive_reads_actor_type_check;
ALTER TABLE sensitive_reads ADD CONSTRAINT sensitive_reads_actor_type_check
  CHECK (actor_type IN ('api_key', 'staff'));
