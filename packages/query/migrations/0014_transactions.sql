-- Up Migration
-- Cleared transactions as the API shows them: recorded when clearing accepts the network's
-- record, posted when account has moved the money (or refused, for staff).
CREATE TABLE transactions (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  kind text NOT NULL,
  status text NOT NULL CHECK (status IN ('cleared', 'posted', 'refused')),
  type text,
  authorization_id text,
  card_id text NOT NULL,
  cardholder_id text NOT NULL,
  program_id text NOT NULL,
  amount bigint NOT NULL,
  currency text NOT NULL,
  merchant jsonb NOT NULL,
  network jsonb NOT NULL,
  sequence integer NOT NULL,
  count integer NOT NULL,
  fee bigint NOT NULL,
  settlement_date date NOT NULL,
  -- What account did: { from_hold, released, excess, forced, shortfall }.
  posting jsonb,
  refusal text,
  created_at timestamptz NOT NULL,
  posted_at timestamptz
);
CREATE INDEX transactions_list ON transactions (partner_id, livemode, id DESC);
CREATE INDEX transactions_authorization ON transactions (authorization_id);

ALTER TABLE transactions ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_reads ON transactions FOR SELECT USING (
  partner_id = current_setting('koban.partner_id', true)
  AND livemode::text = current_setting('koban.livemode', true));

CREATE POLICY staff_reads ON transactions FOR SELECT USING (
  current_setting('koban.staff', true) = 'on'
  AND livemode::text = current_setting('koban.livemode', true));

-- Down Migration
DROP TABLE transactions;
