-- Up Migration
-- Webhook endpoints as the API shows them (never their secrets, which stay in `partner`).
CREATE TABLE webhook_endpoints (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  url text NOT NULL,
  description text,
  enabled_events text[] NOT NULL,
  status text NOT NULL,
  created_at timestamptz NOT NULL,
  secret_rotated_at timestamptz,
  deleted_at timestamptz,
  version integer NOT NULL
);
CREATE INDEX webhook_endpoints_list ON webhook_endpoints (partner_id, livemode, id DESC) WHERE deleted_at IS NULL;

-- Each delivery with its attempts, oldest first (a handful each: the schedule has eight).
CREATE TABLE webhook_deliveries (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  endpoint_id text NOT NULL,
  event_id text NOT NULL,
  event_type text NOT NULL,
  status text NOT NULL,
  attempts jsonb NOT NULL DEFAULT '[]',
  next_attempt_at timestamptz,
  created_at timestamptz NOT NULL,
  version integer NOT NULL
);
CREATE INDEX webhook_deliveries_list ON webhook_deliveries (endpoint_id, id DESC);

ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_reads ON webhook_endpoints FOR SELECT USING (
  partner_id = current_setting('koban.partner_id', true)
  AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY tenant_reads ON webhook_deliveries FOR SELECT USING (
  partner_id = current_setting('koban.partner_id', true)
  AND livemode::text = current_setting('koban.livemode', true));

CREATE POLICY staff_reads ON webhook_endpoints FOR SELECT USING (
  current_setting('koban.staff', true) = 'on'
  AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY staff_reads ON webhook_deliveries FOR SELECT USING (
  current_setting('koban.staff', true) = 'on'
  AND livemode::text = current_setting('koban.livemode', true));

-- Down Migration
DROP TABLE webhook_deliveries;
DROP TABLE webhook_endpoints;
