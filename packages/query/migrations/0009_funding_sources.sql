-- Up Migration
-- Funding sources as the API shows them (never a gateway's signing secret, which stays in `funding`).
CREATE TABLE funding_sources (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  type text NOT NULL,
  description text,
  -- { url, deadline_ms, stand_in } for a jit_gateway source; null for a prefunded one.
  jit_gateway jsonb,
  created_at timestamptz NOT NULL,
  updated_at timestamptz,
  version integer NOT NULL
);
CREATE INDEX funding_sources_list ON funding_sources (partner_id, livemode, id DESC);

ALTER TABLE funding_sources ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_reads ON funding_sources FOR SELECT USING (
  partner_id = current_setting('koban.partner_id', true)
  AND livemode::text = current_setting('koban.livemode', true));

CREATE POLICY staff_reads ON funding_sources FOR SELECT USING (
  current_setting('koban.staff', true) = 'on'
  AND livemode::text = current_setting('koban.livemode', true));

-- Down Migration
DROP TABLE funding_sources;
