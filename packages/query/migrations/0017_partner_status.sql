-- Up Migration
-- A partner suspended by Koban's staff: its keys are refused until it is reactivated.
ALTER TABLE partners ADD COLUMN status text NOT NULL DEFAULT 'active',
  ADD COLUMN status_reason text, ADD COLUMN status_changed_at timestamptz;

-- Authenticating a request: the partner of the one key whose hash was presented, to know whether it is suspended.
CREATE POLICY key_lookup ON partners FOR SELECT USING (
  id IN (SELECT partner_id FROM api_keys WHERE key_hash = current_setting('koban.key_hash', true)));

-- Down Migration
DROP POLICY key_lookup ON partners;
ALTER TABLE partners DROP COLUMN status, DROP COLUMN status_reason, DROP COLUMN status_changed_at;
