-- Up Migration
-- A network may send the same 0100 again (same card, STAN and RRN): it is the same request, and
-- gets the first one's answer rather than a second saga and a second hold.
CREATE UNIQUE INDEX authorizations_network_request ON authorizations (pan_digest, rrn, stan);

-- Down Migration
DROP INDEX authorizations_network_request;
