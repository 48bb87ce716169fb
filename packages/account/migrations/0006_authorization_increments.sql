-- Up Migration
-- An incremental authorization's hold adds to the one it increments: its presentments draw both down.
ALTER TABLE authorization_holds ADD COLUMN increment_of text;
CREATE INDEX authorization_holds_increment_of ON authorization_holds (increment_of) WHERE increment_of IS NOT NULL;

-- Down Migration
DROP INDEX authorization_holds_increment_of;
ALTER TABLE authorization_holds DROP COLUMN increment_of;
