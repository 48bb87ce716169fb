-- Up Migration
-- Staff look a saga up by its correlation id (the console's operations page): without this, every
-- lookup reads the whole store.
CREATE INDEX events_correlation_id ON events ((envelope->>'correlationId'));

-- Down Migration
DROP INDEX events_correlation_id;
