-- Up Migration
-- Every balance a ledger event reported, by the account's own sequence: what a balance was at
-- any past moment (the Payment Services Act report is as of a base date, not as of now).
CREATE TABLE balance_history (
  account_id text NOT NULL,
  sequence integer NOT NULL,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  kind text NOT NULL,
  currency text NOT NULL,
  posted bigint NOT NULL,
  pending bigint NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (account_id, sequence)
);
CREATE INDEX balance_history_as_of ON balance_history (livemode, kind, at);

ALTER TABLE balance_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_reads ON balance_history FOR SELECT USING (
  partner_id = current_setting('koban.partner_id', true)
  AND livemode::text = current_setting('koban.livemode', true));
CREATE POLICY staff_reads ON balance_history FOR SELECT USING (
  current_setting('koban.staff', true) = 'on'
  AND livemode::text = current_setting('koban.livemode', true));

-- Down Migration
DROP TABLE balance_history;
