-- Up Migration
-- Public events (`evt_…`): what a partner's resources went through, each with the resource as
-- the API rendered it right after. One row per domain event, named after it, so a redelivery or
-- a rebuild writes the same row. `object` is json, not jsonb: it keeps the renderer's output as is.
CREATE TABLE events (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  type text NOT NULL,
  object json NOT NULL,
  created_at timestamptz NOT NULL,
  source_message_id uuid NOT NULL UNIQUE
);
-- Newest first within a tenant; ids follow the time order of the domain events.
CREATE INDEX events_list ON events (partner_id, livemode, id DESC);

ALTER TABLE events ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_reads ON events FOR SELECT USING (
  partner_id = current_setting('koban.partner_id', true)
  AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY staff_reads ON events FOR SELECT USING (
  current_setting('koban.staff', true) = 'on'
  AND livemode::text = current_setting('koban.livemode', true));

-- Down Migration
DROP TABLE events;
