-- Up Migration
-- Ledger accounts with their latest balances. A movement may arrive before the account's
-- AccountOpened (they are different streams), so either creates the row; `sequence` keeps the
-- newest balance whatever order movements arrive in.
CREATE TABLE accounts (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  kind text NOT NULL,
  owner_id text,
  currency text NOT NULL,
  sequence integer NOT NULL DEFAULT 0,
  posted bigint NOT NULL DEFAULT 0,
  pending bigint NOT NULL DEFAULT 0,
  available bigint NOT NULL DEFAULT 0,
  created_at timestamptz
);
CREATE INDEX accounts_list ON accounts (partner_id, livemode, id DESC);
CREATE INDEX accounts_by_owner ON accounts (partner_id, livemode, owner_id);

-- Loads and unloads between a program's funding and a cardholder's balance.
CREATE TABLE transfers (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  program_id text NOT NULL,
  cardholder_id text NOT NULL,
  direction text NOT NULL,
  amount bigint NOT NULL,
  currency text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX transfers_list ON transfers (partner_id, livemode, id DESC);

CREATE TABLE deposits (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  program_id text NOT NULL,
  amount bigint NOT NULL,
  currency text NOT NULL,
  description text,
  created_at timestamptz NOT NULL
);

-- Authorizations as the network asked and processing decided (never the card number).
CREATE TABLE authorizations (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  card_id text NOT NULL,
  cardholder_id text NOT NULL,
  program_id text NOT NULL,
  status text NOT NULL,
  amount bigint NOT NULL,
  currency text NOT NULL,
  merchant jsonb NOT NULL,
  network jsonb NOT NULL,
  decline_reason text,
  approval_code text,
  hold_id text,
  created_at timestamptz NOT NULL,
  decided_at timestamptz,
  version integer NOT NULL
);
CREATE INDEX authorizations_list ON authorizations (partner_id, livemode, id DESC);
CREATE INDEX authorizations_by_card ON authorizations (partner_id, livemode, card_id, id DESC);
CREATE INDEX authorizations_by_rrn ON authorizations (partner_id, livemode, ((network->>'rrn')));

-- The saga's timeline: every participant's verdict and settlement, and the decision, with when.
CREATE TABLE authorization_timeline (
  message_id uuid PRIMARY KEY,
  authorization_id text NOT NULL,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  at timestamptz NOT NULL,
  participant text NOT NULL,
  step text NOT NULL,
  detail jsonb NOT NULL
);
CREATE INDEX authorization_timeline_by_authorization ON authorization_timeline (authorization_id, at);

ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE transfers ENABLE ROW LEVEL SECURITY;
ALTER TABLE deposits ENABLE ROW LEVEL SECURITY;
ALTER TABLE authorizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE authorization_timeline ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_reads ON accounts FOR SELECT USING (
  partner_id = current_setting('koban.partner_id', true) AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY tenant_reads ON transfers FOR SELECT USING (
  partner_id = current_setting('koban.partner_id', true) AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY tenant_reads ON deposits FOR SELECT USING (
  partner_id = current_setting('koban.partner_id', true) AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY tenant_reads ON authorizations FOR SELECT USING (
  partner_id = current_setting('koban.partner_id', true) AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY tenant_reads ON authorization_timeline FOR SELECT USING (
  partner_id = current_setting('koban.partner_id', true) AND livemode::text = current_setting('koban.livemode', true));

CREATE POLICY staff_reads ON accounts FOR SELECT USING (
  current_setting('koban.staff', true) = 'on' AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY staff_reads ON transfers FOR SELECT USING (
  current_setting('koban.staff', true) = 'on' AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY staff_reads ON deposits FOR SELECT USING (
  current_setting('koban.staff', true) = 'on' AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY staff_reads ON authorizations FOR SELECT USING (
  current_setting('koban.staff', true) = 'on' AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY staff_reads ON authorization_timeline FOR SELECT USING (
  current_setting('koban.staff', true) = 'on' AND livemode::text = current_setting('koban.livemode', true));

-- Down Migration
DROP TABLE authorization_timeline;
DROP TABLE authorizations;
DROP TABLE deposits;
DROP TABLE transfers;
DROP TABLE accounts;
