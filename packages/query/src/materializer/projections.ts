import {
  ApiKeyCreated,
  ApiKeyRevoked,
  ApiKeyRolled,
  CardholderRegistered,
  PartnerCreated,
  PartnerReactivated,
  PartnerSuspended,
  ProgramCreated,
} from "@koban/contracts";
import { inLane, type Lane, onEvent } from "@koban/messaging";
import { advance } from "./advance.ts";
import { authorizationProjections } from "./authorization-projections.ts";
import { cardProjections } from "./card-projections.ts";
import { cardholderLifecycleProjections } from "./cardholder-lifecycle.ts";
import { fundingProjections } from "./funding-projections.ts";
import { moneyProjections } from "./money-projections.ts";
import { withPublicEvents } from "./public-events.ts";
import { transactionProjections } from "./transaction-projections.ts";
import { webhookProjections } from "./webhook-projections.ts";

export const projectPartnerCreated = onEvent(PartnerCreated, async (event, { tx }) => {
  if (!(await advance(tx, event))) return;
  const p = event.payload;
  await tx.query("INSERT INTO query.partners (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [
    p.partner_id,
    p.name,
    p.created_at,
  ]);
});

export const projectPartnerSuspended = onEvent(PartnerSuspended, async (event, { tx }) => {
  if (!(await advance(tx, event))) return;
  const p = event.payload;
  await tx.query(
    "UPDATE query.partners SET status = 'suspended', status_reason = $2, status_changed_at = $3 WHERE id = $1",
    [p.partner_id, p.reason, p.suspended_at],
  );
});

export const projectPartnerReactivated = onEvent(PartnerReactivated, async (event, { tx }) => {
  if (!(await advance(tx, event))) return;
  const p = event.payload;
  await tx.query(
    "UPDATE query.partners SET status = 'active', status_reason = NULL, status_changed_at = $2 WHERE id = $1",
    [p.partner_id, p.reactivated_at],
  );
});

export const projectApiKeyCreated = onEvent(ApiKeyCreated, async (event, { tx }) => {
  if (!(await advance(tx, event))) return;
  const p = event.payload;
  await tx.query(
    `INSERT INTO query.api_keys (key_hash, api_key_id, partner_id, livemode, redacted_key, scopes, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [p.key_hash, p.api_key_id, p.partner_id, p.livemode, p.redacted_key, p.restricted_scopes, p.created_at],
  );
});

export const projectApiKeyRevoked = onEvent(ApiKeyRevoked, async (event, { tx }) => {
  if (!(await advance(tx, event))) return;
  await tx.query("UPDATE query.api_keys SET revoked_at = $2 WHERE api_key_id = $1", [
    event.payload.api_key_id,
    event.payload.revoked_at,
  ]);
});

/** The new key follows in its own ApiKeyCreated. */
export const projectApiKeyRolled = onEvent(ApiKeyRolled, async (event, { tx }) => {
  if (!(await advance(tx, event))) return;
  await tx.query("UPDATE query.api_keys SET expires_at = $2 WHERE api_key_id = $1", [
    event.payload.api_key_id,
    event.payload.expires_at,
  ]);
});

export const projectCardholderRegistered = onEvent(CardholderRegistered, async (event, { tx }) => {
  if (!(await advance(tx, event)) || !event.tenant || !event.stream) return;
  const p = event.payload;
  await tx.query(
    `INSERT INTO query.cardholders (id, partner_id, livemode, type, status, kyc_status, business_id,
       individual, business, email, phone_number, address, metadata, spend_controls, created_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT DO NOTHING`,
    [
      p.cardholder_id,
      event.tenant.partnerId,
      event.tenant.livemode,
      p.type,
      p.status,
      p.kyc_status,
      p.business_id,
      p.individual,
      p.business,
      p.email,
      p.phone_number,
      p.address,
      p.metadata,
      p.spend_controls,
      p.created_at,
      event.stream.version,
    ],
  );
});

export const projectProgramCreated = onEvent(ProgramCreated, async (event, { tx }) => {
  if (!(await advance(tx, event)) || !event.stream) return;
  const p = event.payload;
  await tx.query(
    `INSERT INTO query.programs (id, partner_id, livemode, name, currency, timezone, bin_prefix,
       default_spend_controls, default_funding_source_id, created_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
    [
      p.program_id,
      p.partner_id,
      p.livemode,
      p.name,
      p.currency,
      p.timezone,
      p.bin_prefix,
      p.default_spend_controls,
      p.default_funding_source_id,
      p.created_at,
      event.stream.version,
    ],
  );
});

const clearingLane: Lane = { name: "clearing", concurrency: 2 };

/** Each public one also records its public event (see public-events.ts). */
export const projections = withPublicEvents([
  projectPartnerCreated,
  projectPartnerSuspended,
  projectPartnerReactivated,
  projectApiKeyCreated,
  projectApiKeyRevoked,
  projectApiKeyRolled,
  projectProgramCreated,
  projectCardholderRegistered,
  ...cardholderLifecycleProjections,
  ...cardProjections,
  ...webhookProjections,
  ...fundingProjections,
  ...moneyProjections,
  ...authorizationProjections,
  // A clearing file's projections, two jobs at a time on a queue of their own: at the shared queue's
  // sixteen, a 50,000-record file kept both cores busy projecting, and authorizations (which wait on
  // no read model but share the machine) missed the network's deadline (bench:clearing).
  ...transactionProjections.map((projection) => inLane(clearingLane, projection)),
]);
