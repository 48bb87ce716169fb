-- Up Migration
-- The console's own schema: its members' identity (better-auth's tables, as its migration
-- generator writes them for this configuration), the commands it sends and an audit log.

CREATE TABLE "user" ("id" text NOT NULL PRIMARY KEY, "name" text NOT NULL, "email" text NOT NULL UNIQUE,
  "emailVerified" boolean NOT NULL, "image" text, "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
  "updatedAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL, "staffRole" text);
CREATE TABLE "session" ("id" text NOT NULL PRIMARY KEY, "expiresAt" timestamptz NOT NULL, "token" text NOT NULL UNIQUE,
  "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL, "updatedAt" timestamptz NOT NULL, "ipAddress" text,
  "userAgent" text, "userId" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE, "activeOrganizationId" text);
CREATE TABLE "account" ("id" text NOT NULL PRIMARY KEY, "accountId" text NOT NULL, "providerId" text NOT NULL,
  "userId" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE, "accessToken" text, "refreshToken" text,
  "idToken" text, "accessTokenExpiresAt" timestamptz, "refreshTokenExpiresAt" timestamptz, "scope" text,
  "password" text, "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL, "updatedAt" timestamptz NOT NULL);
CREATE TABLE "verification" ("id" text NOT NULL PRIMARY KEY, "identifier" text NOT NULL, "value" text NOT NULL,
  "expiresAt" timestamptz NOT NULL, "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
  "updatedAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL);
-- An organisation is a partner: its id is the partner's id (ptn_…).
CREATE TABLE "organization" ("id" text NOT NULL PRIMARY KEY, "name" text NOT NULL, "slug" text NOT NULL UNIQUE,
  "logo" text, "createdAt" timestamptz NOT NULL, "metadata" text);
CREATE TABLE "member" ("id" text NOT NULL PRIMARY KEY,
  "organizationId" text NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
  "userId" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE, "role" text NOT NULL,
  "createdAt" timestamptz NOT NULL);
CREATE TABLE "invitation" ("id" text NOT NULL PRIMARY KEY,
  "organizationId" text NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE, "email" text NOT NULL,
  "role" text, "status" text NOT NULL, "expiresAt" timestamptz NOT NULL,
  "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
  "inviterId" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE);
CREATE INDEX "session_userId_idx" ON "session" ("userId");
CREATE INDEX "account_userId_idx" ON "account" ("userId");
CREATE INDEX "verification_identifier_idx" ON "verification" ("identifier");
CREATE INDEX "member_organizationId_idx" ON "member" ("organizationId");
CREATE UNIQUE INDEX "member_user_organization" ON "member" ("userId", "organizationId");
CREATE INDEX "invitation_organizationId_idx" ON "invitation" ("organizationId");
CREATE INDEX "invitation_email_idx" ON "invitation" ("email");

-- A command a member's action sent; its document completes it.
CREATE TABLE operations (
  id text PRIMARY KEY,
  command_id uuid NOT NULL UNIQUE,
  partner_id text NOT NULL,
  livemode boolean NOT NULL,
  command_type text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  resource jsonb,
  error jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);

-- Every console action, whether it succeeded or not: who, where (partner and mode, or the staff
-- area), what, on which object.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id text NOT NULL,
  user_email text NOT NULL,
  partner_id text,
  livemode boolean,
  action text NOT NULL,
  target text,
  outcome text NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'pending')),
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_partner ON audit_log (partner_id, livemode, id DESC);

-- Down Migration
DROP TABLE audit_log;
DROP TABLE operations;
DROP TABLE "invitation";
DROP TABLE "member";
DROP TABLE "organization";
DROP TABLE "verification";
DROP TABLE "account";
DROP TABLE "session";
DROP TABLE "user";
