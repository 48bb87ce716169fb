-- Up Migration
-- account's part of each clearing saga: what it posted for a cleared transaction (or why it
-- could not), once per transaction whatever the bus redelivers. The transfers name it in their
-- metadata too; this row is what reconciliation and settlements count from.
CREATE TABLE clearing_postings (
  transaction_id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('posted', 'refused')),
  type text CHECK (type IN ('purchase', 'refund', 'force_post')),
  authorization_id text,
  amount bigint NOT NULL,
  currency text NOT NULL,
  fee bigint NOT NULL DEFAULT 0,
  forced boolean NOT NULL DEFAULT false,
  shortfall bigint NOT NULL DEFAULT 0,
  transfer_ids text[] NOT NULL DEFAULT '{}',
  refusal text,
  posted_at timestamptz NOT NULL,
  CHECK ((status = 'posted') = (type IS NOT NULL))
);
CREATE INDEX clearing_postings_tenant ON clearing_postings (partner_id, livemode, currency, posted_at);

-- The settlements account posted: one per settlement, whatever the bus redelivers.
CREATE TABLE settlement_postings (
  settlement_id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  date date NOT NULL,
  currency text NOT NULL,
  net_amount bigint NOT NULL,
  transfer_id text,
  posted_at timestamptz NOT NULL
);

-- Down Migration
DROP TABLE settlement_postings;
DROP TABLE clearing_postings;
