-- Up Migration
-- Row triggers do not fire on TRUNCATE; this one closes that way round the append-only rule.
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

-- Down Migration
DROP TRIGGER events_no_truncate ON events;
