-- Up Migration
-- A transfer, once written, is history: a correction is another transfer, never an edit.
CREATE FUNCTION transfers_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'account.transfers are immutable: % refused', TG_OP;
END
$$;
CREATE TRIGGER transfers_immutable BEFORE UPDATE OR DELETE ON transfers
  FOR EACH ROW EXECUTE FUNCTION transfers_are_immutable();

-- Down Migration
DROP TRIGGER transfers_immutable ON transfers;
DROP FUNCTION transfers_are_immutable();
