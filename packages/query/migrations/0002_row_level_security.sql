-- Up Migration
-- Tenant isolation in the read models, on top of the checks in code. The query processor
-- connects as a role that owns nothing here and cannot bypass these policies; each read sets
-- its scope with set_config(..., true), so it ends with the transaction and a pooled
-- connection with no scope sees nothing. The materializer writes as the owner.
ALTER TABLE stream_versions ADD COLUMN partner_id text, ADD COLUMN livemode boolean;

ALTER TABLE partners ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE cardholders ENABLE ROW LEVEL SECURITY;
ALTER TABLE stream_versions ENABLE ROW LEVEL SECURITY;

-- A partner's reads: its own rows, in the mode of its key.
CREATE POLICY tenant_reads ON cardholders FOR SELECT USING (
  partner_id = current_setting('koban.partner_id', true)
  AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY tenant_reads ON api_keys FOR SELECT USING (
  partner_id = current_setting('koban.partner_id', true)
  AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY tenant_reads ON stream_versions FOR SELECT USING (
  partner_id = current_setting('koban.partner_id', true)
  AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY tenant_reads ON partners FOR SELECT USING (id = current_setting('koban.partner_id', true));

-- Authenticating a request: the one key whose hash was presented, before any tenant is known.
CREATE POLICY key_lookup ON api_keys FOR SELECT USING (key_hash = current_setting('koban.key_hash', true));

-- Koban's staff: across partners, but in one mode at a time, so test data never meets live figures.
CREATE POLICY staff_reads ON cardholders FOR SELECT USING (
  current_setting('koban.staff', true) = 'on'
  AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY staff_reads ON partners FOR SELECT USING (current_setting('koban.staff', true) = 'on');

-- Down Migration
DROP POLICY staff_reads ON partners;
DROP POLICY staff_reads ON cardholders;
DROP POLICY key_lookup ON api_keys;
DROP POLICY tenant_reads ON partners;
DROP POLICY tenant_reads ON stream_versions;
DROP POLICY tenant_reads ON api_keys;
DROP POLICY tenant_reads ON cardholders;
ALTER TABLE stream_versions DISABLE ROW LEVEL SECURITY;
ALTER TABLE cardholders DISABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys DISABLE ROW LEVEL SECURITY;
ALTER TABLE partners DISABLE ROW LEVEL SECURITY;
ALTER TABLE stream_versions DROP COLUMN partner_id, DROP COLUMN livemode;
