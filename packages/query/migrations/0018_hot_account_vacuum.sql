-- Up Migration
-- The read model of a tenant's settlement and revenue accounts changes with every posting (see
-- account's 0007): vacuumed after a few hundred dead versions, with room for HOT updates.
ALTER TABLE accounts SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 500, fillfactor = 70);

-- Down Migration
ALTER TABLE accounts RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, fillfactor);
