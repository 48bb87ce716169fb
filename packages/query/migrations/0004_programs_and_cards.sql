-- Up Migration
-- What each API key may do. Keys made before scopes existed could do everything, and keep that
-- until a rebuild replays their events (which say the same).
ALTER TABLE api_keys ADD COLUMN scopes text[] NOT NULL DEFAULT ARRAY['cardholders:read', 'cardholders:write',
  'cards:read', 'cards:write', 'cards:read_sensitive', 'programs:read'];
ALTER TABLE api_keys ALTER COLUMN scopes DROP DEFAULT;

CREATE TABLE programs (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  name text NOT NULL,
  currency text NOT NULL,
  timezone text NOT NULL,
  bin_prefix text NOT NULL,
  default_spend_controls jsonb NOT NULL,
  default_funding_source_id text,
  created_at timestamptz NOT NULL,
  version integer NOT NULL
);
CREATE INDEX programs_list ON programs (partner_id, livemode, id DESC);

-- Never a card's number or its digest: only what the API shows.
CREATE TABLE cards (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  cardholder_id text NOT NULL,
  program_id text NOT NULL,
  type text NOT NULL,
  status text NOT NULL,
  last4 text NOT NULL,
  exp_month smallint NOT NULL,
  exp_year smallint NOT NULL,
  spend_controls jsonb NOT NULL,
  closed_reason text,
  replacement_for text,
  replacement_reason text,
  replaced_by text,
  created_at timestamptz NOT NULL,
  version integer NOT NULL
);
CREATE INDEX cards_list ON cards (partner_id, livemode, id DESC);
CREATE INDEX cards_by_cardholder ON cards (partner_id, livemode, cardholder_id, id DESC);

ALTER TABLE programs ENABLE ROW LEVEL SECURITY;
ALTER TABLE cards ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_reads ON programs FOR SELECT USING (
  partner_id = current_setting('koban.partner_id', true)
  AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY tenant_reads ON cards FOR SELECT USING (
  partner_id = current_setting('koban.partner_id', true)
  AND livemode::text = current_setting('koban.livemode', true));

CREATE POLICY staff_reads ON programs FOR SELECT USING (
  current_setting('koban.staff', true) = 'on'
  AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY staff_reads ON cards FOR SELECT USING (
  current_setting('koban.staff', true) = 'on'
  AND livemode::text = current_setting('koban.livemode', true));

-- Down Migration
DROP TABLE cards;
DROP TABLE programs;
ALTER TABLE api_keys DROP COLUMN scopes;
