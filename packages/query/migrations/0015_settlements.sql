-- Up Migration
-- What account posted for each cleared transaction, kept apart from the transaction (they come
-- from two contexts' events, in either order): reconciliation compares the two.
CREATE TABLE clearing_postings (
  transaction_id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('posted', 'refused')),
  type text,
  authorization_id text,
  amount bigint NOT NULL DEFAULT 0,
  currency text NOT NULL DEFAULT '',
  fee bigint NOT NULL DEFAULT 0,
  -- { from_hold, released, excess, forced, shortfall }
  posting jsonb,
  refusal text,
  posted_at timestamptz NOT NULL
);
CREATE INDEX clearing_postings_tenant ON clearing_postings (partner_id, livemode, posted_at);

ALTER TABLE transactions ADD COLUMN settlement_id text;
CREATE INDEX transactions_settlement ON transactions (settlement_id) WHERE settlement_id IS NOT NULL;

-- One per tenant, currency and day (in the programs' time zone), with its totals; posted once
-- account has moved its net amount.
CREATE TABLE settlements (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  date date NOT NULL,
  currency text NOT NULL,
  time_zone text NOT NULL,
  totals jsonb NOT NULL,
  net_amount bigint NOT NULL,
  transaction_count integer NOT NULL,
  status text NOT NULL CHECK (status IN ('calculated', 'posted')),
  ledger_net_amount bigint,
  transfer_id text,
  created_at timestamptz NOT NULL,
  posted_at timestamptz
);
CREATE INDEX settlements_list ON settlements (partner_id, livemode, id DESC);
CREATE INDEX settlements_by_date ON settlements (livemode, date);

ALTER TABLE clearing_postings ENABLE ROW LEVEL SECURITY;
ALTER TABLE settlements ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_reads ON clearing_postings FOR SELECT USING (
  partner_id = current_setting('koban.partner_id', true)
  AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY staff_reads ON clearing_postings FOR SELECT USING (
  current_setting('koban.staff', true) = 'on'
  AND livemode::text = current_setting('koban.livemode', true));

CREATE POLICY tenant_reads ON settlements FOR SELECT USING (
  partner_id = current_setting('koban.partner_id', true)
  AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY staff_reads ON settlements FOR SELECT USING (
  current_setting('koban.staff', true) = 'on'
  AND livemode::text = current_setting('koban.livemode', true));

-- Down Migration
DROP TABLE settlements;
ALTER TABLE transactions DROP COLUMN settlement_id;
DROP TABLE clearing_postings;
