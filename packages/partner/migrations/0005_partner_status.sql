-- Up Migration
-- Koban's staff can suspend a partner; its keys are refused until it is reactivated.
ALTER TABLE partners ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended'));

-- Down Migration
ALTER TABLE partners DROP COLUMN status;
