-- Up Migration
-- What the bench handler writes: one row per message handled.
CREATE TABLE received (
  message_id uuid PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- The raw Postgres baseline: the same single-row insert, without the bus around it.
CREATE TABLE baseline (
  message_id uuid PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE baseline;
DROP TABLE received;
