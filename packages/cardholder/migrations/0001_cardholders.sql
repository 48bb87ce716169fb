-- Up Migration
CREATE TABLE cardholders (
  id text PRIMARY KEY,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  type text NOT NULL CHECK (type IN ('individual', 'business')),
  status text NOT NULL,
  kyc_status text NOT NULL,
  business_id text REFERENCES cardholders (id),
  details jsonb NOT NULL,
  version integer NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX cardholders_tenant ON cardholders (partner_id, livemode);

-- Down Migration
DROP TABLE cardholders;
