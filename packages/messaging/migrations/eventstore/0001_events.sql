-- Up Migration
-- Every event ever published, append-only. Only the relay writes here, one batch at a time
-- under its leader lock, so positions are committed in order and a reader never skips one.
CREATE TABLE events (
  position bigserial PRIMARY KEY,
  message_id uuid NOT NULL UNIQUE,
  stream_id text NOT NULL,
  stream_version integer NOT NULL,
  type text NOT NULL,
  version integer NOT NULL,
  partner_id text,
  livemode boolean,
  envelope jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  -- Optimistic concurrency: two events can never claim the same version of a stream.
  CONSTRAINT events_stream_version UNIQUE (stream_id, stream_version)
);
CREATE INDEX events_type ON events (type, position);

CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the event store is append-only';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Down Migration
DROP TABLE events;
DROP FUNCTION forbid_change();
