-- Up Migration
-- Programs now come from partner's ProgramCreated, with the spend controls a card issued
-- without its own starts with. Copies made before (by hand) get no controls.
ALTER TABLE programs ADD COLUMN default_spend_controls jsonb NOT NULL DEFAULT
  '{"amount_limits": {"per_authorization": null, "daily": null, "monthly": null, "lifetime": null},
    "count_limits": {"daily": null, "monthly": null},
    "allowed_mccs": [], "blocked_mccs": [], "allowed_countries": [], "blocked_countries": []}';
ALTER TABLE programs ALTER COLUMN default_spend_controls DROP DEFAULT;

-- Down Migration
ALTER TABLE programs DROP COLUMN default_spend_controls;
