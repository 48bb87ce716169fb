-- Up Migration
-- A tenant's settlement and revenue accounts change with every posting: a few rows rewritten all
-- day. Vacuumed after a few hundred dead versions rather than a fifth of the table (which for a
-- table this small never comes), and with room on each page for the next versions (HOT updates),
-- so a lock on them never walks a long chain of dead versions.
ALTER TABLE accounts SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 500, fillfactor = 70);

-- Down Migration
ALTER TABLE accounts RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, fillfactor);
