-- Up Migration
-- An incremental authorization (more on top of an approved one) is an authorization of its own,
-- naming the one it adds to; a reversal of that one releases its increments too, newest first.
ALTER TABLE authorizations ADD COLUMN increment_of text REFERENCES authorizations (id);
CREATE INDEX authorizations_increment_of ON authorizations (increment_of) WHERE increment_of IS NOT NULL;

-- Down Migration
ALTER TABLE authorizations DROP COLUMN increment_of;
