-- Up Migration
-- Bus state that must survive Redis: retries and timers, dead letters, the relay's watermark.
CREATE TABLE scheduled (
  id bigserial PRIMARY KEY,
  queue text NOT NULL,
  envelope jsonb NOT NULL,
  attempt integer NOT NULL,
  due_at timestamptz NOT NULL,
  reason text NOT NULL,
  enqueued_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX scheduled_due ON scheduled (due_at) WHERE enqueued_at IS NULL;
CREATE INDEX scheduled_enqueued ON scheduled (enqueued_at) WHERE enqueued_at IS NOT NULL;

CREATE TABLE dead_letters (
  id bigserial PRIMARY KEY,
  consumer text NOT NULL,
  queue text NOT NULL,
  message_id uuid NOT NULL,
  message_type text NOT NULL,
  envelope jsonb NOT NULL,
  attempts integer NOT NULL,
  error text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now(),
  replayed_at timestamptz
);
CREATE INDEX dead_letters_open ON dead_letters (failed_at) WHERE replayed_at IS NULL;

-- Per outbox: every message up to through_id is known to be handled by its consumers, so
-- after a loss of Redis only what follows needs publishing again.
CREATE TABLE relay_watermarks (
  outbox text PRIMARY KEY,
  through_id bigint NOT NULL DEFAULT 0,
  confirmed_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE relay_watermarks;
DROP TABLE dead_letters;
DROP TABLE scheduled;
