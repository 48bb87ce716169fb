-- Up Migration
-- A double-entry ledger with TigerBeetle's semantics. Amounts are integers in the currency's
-- minor unit. Every transfer debits one account and credits another of the same tenant and
-- currency by the same amount, so the sums of debits and credits are equal per currency, always.

-- The copy of partner's programs (principle 3): what a deposit or a hold on one needs.
CREATE TABLE programs (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  currency text NOT NULL,
  funding_account_id text NOT NULL
);

CREATE TABLE accounts (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  kind text NOT NULL CHECK (kind IN ('program_funding', 'cardholder_prepaid', 'platform_clearing',
                                     'network_settlement', 'revenue', 'suspense')),
  -- The program or cardholder the account belongs to; null for the platform's own.
  owner_id text CHECK ((kind IN ('program_funding', 'cardholder_prepaid')) = (owner_id IS NOT NULL)),
  normal_side text NOT NULL CHECK (normal_side IN ('debit', 'credit')),
  -- A transfer or hold may not take debits (pending and posted) past posted credits; only a
  -- forced single-phase transfer may.
  debits_must_not_exceed_credits boolean NOT NULL,
  debits_pending bigint NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
  debits_posted bigint NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
  credits_pending bigint NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
  credits_posted bigint NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
  -- Counts the movements on the account: events carry it, so read models keep the newest balance.
  sequence bigint NOT NULL DEFAULT 0,
  opened_at timestamptz NOT NULL
);
-- One account per tenant, kind, owner and currency (so one funding account per program).
CREATE UNIQUE INDEX accounts_identity ON accounts (partner_id, livemode, kind, (coalesce(owner_id, '')), currency);

-- Immutable once written. A hold is a `pending` transfer; its post or void is another transfer
-- naming it in pending_id. Ids are the client's (tr_, hold_, dep_), which makes them idempotent.
CREATE TABLE transfers (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  type text NOT NULL CHECK (type IN ('single_phase', 'pending', 'post_pending', 'void_pending')),
  debit_account_id text NOT NULL REFERENCES accounts (id),
  credit_account_id text NOT NULL REFERENCES accounts (id) CHECK (credit_account_id <> debit_account_id),
  amount bigint NOT NULL CHECK (amount >= 0),
  currency text NOT NULL,
  pending_id text REFERENCES transfers (id) CHECK ((type IN ('post_pending', 'void_pending')) = (pending_id IS NOT NULL)),
  timeout_seconds integer CHECK ((type = 'pending') = (timeout_seconds IS NOT NULL)),
  forced boolean NOT NULL CHECK (NOT forced OR type = 'single_phase'),
  -- What the movement is: deposit, load, unload, hold, post, void.
  code text NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL
);
CREATE INDEX transfers_debit_account ON transfers (debit_account_id, created_at);
CREATE INDEX transfers_credit_account ON transfers (credit_account_id, created_at);
-- A hold is posted or voided at most once.
CREATE UNIQUE INDEX transfers_pending_resolved_once ON transfers (pending_id) WHERE pending_id IS NOT NULL;

-- The state of each hold (the pending transfer stays as it was written).
CREATE TABLE holds (
  id text PRIMARY KEY REFERENCES transfers (id),
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'posted', 'voided', 'expired')),
  amount bigint NOT NULL CHECK (amount > 0),
  posted_amount bigint NOT NULL DEFAULT 0 CHECK (posted_amount >= 0 AND posted_amount <= amount),
  -- The expiry is this row, swept by expireDueHolds: never a timer in Redis.
  expires_at timestamptz NOT NULL,
  -- The post or void transfer; null when pending or expired.
  resolved_by text REFERENCES transfers (id),
  resolved_at timestamptz CHECK ((status = 'pending') = (resolved_at IS NULL)),
  -- The saga the hold belongs to, carried by its expiry's event.
  correlation_id text
);
CREATE INDEX holds_due ON holds (expires_at) WHERE status = 'pending';

-- Down Migration
DROP TABLE holds;
DROP TABLE transfers;
DROP TABLE accounts;
DROP TABLE programs;
