-- Up Migration
-- Every context schema holds its own outbox and inbox; the messaging package owns their shape.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  message_id uuid NOT NULL UNIQUE,
  envelope jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
-- The relay only ever looks for what is not yet published; this index stays tiny.
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

CREATE TABLE inbox (
  message_id uuid PRIMARY KEY,
  consumer text NOT NULL,
  handled_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE inbox;
DROP TABLE outbox;
