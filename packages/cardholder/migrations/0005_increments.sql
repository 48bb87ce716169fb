-- Up Migration
-- An incremental authorization's original: its amount counts with the original's, and it is not
-- one more authorization for the count limits.
ALTER TABLE authorization_parts ADD COLUMN increment_of text;
CREATE INDEX authorization_parts_increments ON authorization_parts (increment_of) WHERE increment_of IS NOT NULL;

-- Down Migration
ALTER TABLE authorization_parts DROP COLUMN increment_of;
