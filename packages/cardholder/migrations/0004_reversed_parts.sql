-- Up Migration
-- The network reversed some or all of the authorization: `amount` is then what remains authorized.
ALTER TABLE authorization_parts ADD COLUMN reversed boolean NOT NULL DEFAULT false;

-- Down Migration
ALTER TABLE authorization_parts DROP COLUMN reversed;
