-- Up Migration
-- The cardholder's own spend controls as the API renders them; cardholders from before have none.
ALTER TABLE cardholders ADD COLUMN spend_controls jsonb NOT NULL DEFAULT
  '{"amount_limits": {"per_authorization": null, "daily": null, "monthly": null, "lifetime": null},
    "count_limits": {"daily": null, "monthly": null},
    "allowed_mccs": [], "blocked_mccs": [], "allowed_countries": [], "blocked_countries": []}';

-- Down Migration
ALTER TABLE cardholders DROP COLUMN spend_controls;
