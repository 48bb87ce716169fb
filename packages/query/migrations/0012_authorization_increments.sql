-- Up Migration
-- An incremental authorization names the approved one it adds to.
ALTER TABLE authorizations ADD COLUMN increment_of text;
CREATE INDEX authorizations_increments ON authorizations (increment_of) WHERE increment_of IS NOT NULL;

-- Down Migration
ALTER TABLE authorizations DROP COLUMN increment_of;
