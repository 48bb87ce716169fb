-- Up Migration
-- After a loss of Redis the relay republishes what was published since its watermark; this
-- keeps that look-up bounded by the watermark instead of a scan of the outbox's history.
CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;

-- Down Migration
DROP INDEX outbox_published_at;
