-- Up Migration
-- One settlement per tenant, currency and day: the posted transactions not yet settled whose
-- posting day (in their program's time zone) is that day or before.
CREATE TABLE settlements (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  currency text NOT NULL,
  date date NOT NULL,
  time_zone text NOT NULL,
  totals jsonb NOT NULL,
  transaction_count integer NOT NULL,
  status text NOT NULL CHECK (status IN ('calculated', 'posted')),
  calculated_at timestamptz NOT NULL,
  posted_at timestamptz
);
CREATE UNIQUE INDEX settlements_day ON settlements (partner_id, livemode, currency, date);

-- When settlements run: a row, read by the worker, never a timer in Redis. Each run settles the
-- day before `next_run_at`'s day in `time_zone`, then moves `next_run_at` a day on.
CREATE TABLE settlement_schedule (
  name text PRIMARY KEY,
  time_zone text NOT NULL,
  -- Local time of day the run starts, e.g. 01:00 (after the network's cut-off).
  run_at time NOT NULL,
  next_run_at timestamptz NOT NULL,
  last_settled_date date,
  last_run_at timestamptz
);
INSERT INTO settlement_schedule (name, time_zone, run_at, next_run_at)
VALUES ('daily', 'Asia/Tokyo', '01:00',
        ((now() AT TIME ZONE 'Asia/Tokyo')::date + 1 + time '01:00') AT TIME ZONE 'Asia/Tokyo');

-- Down Migration
DROP TABLE settlement_schedule;
DROP TABLE settlements;
