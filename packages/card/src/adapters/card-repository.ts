import type { CalendarPeriods, ParticipantResult, SpendControls, Spent, Tenant } from "@koban/contracts";
import { lockWait, type Queryable } from "@koban/db";
import type { CardStore, SensitiveRead } from "../application/card-store.ts";
import { type AuthorizationPart, counts } from "../domain/authorization.ts";
import type { Card } from "../domain/card.ts";
import type { CardholderFacts, Program } from "../domain/issue.ts";

interface CardRow {
  id: string;
  cardholder_id: string;
  program_id: string;
  type: Card["type"];
  status: Card["status"];
  pan_digest: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  spend_controls: SpendControls;
  funding_source_id: string | null;
  closed_reason: Card["closedReason"];
  replacement_for: string | null;
  replacement_reason: Card["replacementReason"];
  replaced_by: string | null;
  hold_reason: string | null;
  hold_placed_by: string | null;
  hold_placed_at: Date | null;
  created_at: Date;
  version: number;
}

const toCard = (row: CardRow): Card => ({
  id: row.id,
  cardholderId: row.cardholder_id,
  programId: row.program_id,
  type: row.type,
  status: row.status,
  panDigest: row.pan_digest,
  last4: row.last4,
  expMonth: row.exp_month,
  expYear: row.exp_year,
  spendControls: row.spend_controls,
  fundingSourceId: row.funding_source_id,
  closedReason: row.closed_reason,
  replacementFor: row.replacement_for,
  replacementReason: row.replacement_reason,
  replacedBy: row.replaced_by,
  complianceHold:
    row.hold_reason === null || row.hold_placed_by === null || row.hold_placed_at === null
      ? null
      : { reason: row.hold_reason, placedBy: row.hold_placed_by, placedAt: row.hold_placed_at.toISOString() },
  createdAt: row.created_at.toISOString(),
  version: row.version,
});

async function load(db: Queryable, tenant: Tenant, id: string, lock = ""): Promise<Card | undefined> {
  const { rows } = await db.query<CardRow>(
    `SELECT c.id, c.cardholder_id, c.program_id, c.type, c.status, v.pan_digest, c.last4, c.exp_month, c.exp_year,
            c.spend_controls, c.funding_source_id, c.closed_reason, c.replacement_for, c.replacement_reason,
            c.replaced_by, c.hold_reason, c.hold_placed_by, c.hold_placed_at, c.created_at, c.version
     FROM card.cards c JOIN card.vault v ON v.card_id = c.id
     WHERE c.id = $1 AND c.partner_id = $2 AND c.livemode = $3 ${lock}`,
    [id, tenant.partnerId, tenant.livemode],
  );
  return rows[0] && toCard(rows[0]);
}

/**
 * NO KEY UPDATE: it serialises authorizations (and card changes) without blocking foreign-key
 * checks. In a batch, only the first card's lock waits (see lockWait).
 */
const lockForAuthorization = async (db: Queryable, tenant: Tenant, id: string) =>
  load(db, tenant, id, `FOR NO KEY UPDATE OF c${await lockWait(db, "card")}`);

interface PartRow {
  authorization_id: string;
  card_id: string;
  amount: string;
  currency: string;
  requested_at: Date;
  result: ParticipantResult | null;
  state: AuthorizationPart["state"];
  checked_at: Date | null;
  settled_at: Date | null;
  reversed: boolean;
  increment_of: string | null;
}

async function authorizationPart(
  db: Queryable,
  tenant: Tenant,
  authorizationId: string,
): Promise<AuthorizationPart | undefined> {
  const { rows } = await db.query<PartRow>(
    `SELECT authorization_id, card_id, amount, currency, requested_at, result, state, checked_at, settled_at, reversed,
            increment_of
     FROM card.authorization_parts WHERE authorization_id = $1 AND partner_id = $2 AND livemode = $3 FOR UPDATE`,
    [authorizationId, tenant.partnerId, tenant.livemode],
  );
  const row = rows[0];
  return (
    row && {
      authorizationId: row.authorization_id,
      cardId: row.card_id,
      amount: Number(row.amount),
      currency: row.currency,
      requestedAt: row.requested_at.toISOString(),
      result: row.result,
      state: row.state,
      checkedAt: row.checked_at?.toISOString() ?? null,
      settledAt: row.settled_at?.toISOString() ?? null,
      reversed: row.reversed,
      incrementOf: row.increment_of,
    }
  );
}

async function saveAuthorizationPart(
  db: Queryable,
  tenant: Tenant,
  part: AuthorizationPart,
  isNew: boolean,
): Promise<boolean> {
  const values = [
    part.authorizationId,
    tenant.partnerId,
    tenant.livemode,
    part.cardId,
    part.amount,
    part.currency,
    part.requestedAt,
    part.result && JSON.stringify(part.result),
    part.state,
    counts(part),
    part.checkedAt,
    part.settledAt,
    part.reversed,
    part.incrementOf,
  ];
  const { rowCount } = isNew
    ? await db.query(
        `INSERT INTO card.authorization_parts (authorization_id, partner_id, livemode, card_id, amount, currency,
           requested_at, result, state, counted, checked_at, settled_at, reversed, increment_of)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (authorization_id) DO NOTHING`,
        values,
      )
    : await db.query(
        `UPDATE card.authorization_parts SET card_id = $4, amount = $5, currency = $6, requested_at = $7, result = $8,
           state = $9, counted = $10, checked_at = $11, settled_at = $12, reversed = $13,
           increment_of = $14
         WHERE authorization_id = $1 AND partner_id = $2 AND livemode = $3`,
        values,
      );
  return rowCount === 1;
}

async function spent(
  db: Queryable,
  tenant: Tenant,
  cardId: string,
  periods: CalendarPeriods,
  except: string,
): Promise<Spent> {
  const { rows } = await db.query<Record<string, string>>(
    `SELECT coalesce(sum(amount) FILTER (WHERE requested_at >= $5 AND requested_at < $6), 0) AS day_amount,
            count(*) FILTER (WHERE requested_at >= $5 AND requested_at < $6 AND increment_of IS NULL) AS day_count,
            coalesce(sum(amount) FILTER (WHERE requested_at >= $7 AND requested_at < $8), 0) AS month_amount,
            count(*) FILTER (WHERE requested_at >= $7 AND requested_at < $8 AND increment_of IS NULL) AS month_count,
            coalesce(sum(amount), 0) AS lifetime_amount
     FROM card.authorization_parts
     WHERE card_id = $1 AND partner_id = $2 AND livemode = $3 AND counted AND authorization_id <> $4`,
    [
      cardId,
      tenant.partnerId,
      tenant.livemode,
      except,
      periods.day.start,
      periods.day.end,
      periods.month.start,
      periods.month.end,
    ],
  );
  const row = rows[0] ?? {};
  const n = (column: string) => Number(row[column] ?? 0);
  return {
    day: { amount: n("day_amount"), count: n("day_count") },
    month: { amount: n("month_amount"), count: n("month_count") },
    lifetime: { amount: n("lifetime_amount") },
  };
}

/** The digest is the vault's: written there with the sealed number, read back through the join. */
async function insert(db: Queryable, tenant: Tenant, card: Card): Promise<void> {
  await db.query(
    `INSERT INTO card.cards (id, partner_id, livemode, cardholder_id, program_id, type, status, last4, exp_month,
       exp_year, spend_controls, funding_source_id, closed_reason, replacement_for, replacement_reason, replaced_by,
       created_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
      card.id,
      tenant.partnerId,
      tenant.livemode,
      card.cardholderId,
      card.programId,
      card.type,
      card.status,
      card.last4,
      card.expMonth,
      card.expYear,
      card.spendControls,
      card.fundingSourceId,
      card.closedReason,
      card.replacementFor,
      card.replacementReason,
      card.replacedBy,
      card.createdAt,
      card.version,
    ],
  );
}

async function update(db: Queryable, tenant: Tenant, card: Card, expectedVersion: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE card.cards SET status = $4, spend_controls = $5, closed_reason = $6, replaced_by = $7, version = $8,
       hold_reason = $10, hold_placed_by = $11, hold_placed_at = $12
     WHERE id = $1 AND partner_id = $2 AND livemode = $3 AND version = $9`,
    [
      card.id,
      tenant.partnerId,
      tenant.livemode,
      card.status,
      card.spendControls,
      card.closedReason,
      card.replacedBy,
      card.version,
      expectedVersion,
      card.complianceHold?.reason ?? null,
      card.complianceHold?.placedBy ?? null,
      card.complianceHold?.placedAt ?? null,
    ],
  );
  return rowCount === 1;
}

interface ProgramRow {
  id: string;
  bin_prefix: string;
  pan_length: number;
  timezone: string;
  default_spend_controls: SpendControls;
}

async function program(db: Queryable, tenant: Tenant, id: string): Promise<Program | undefined> {
  const { rows } = await db.query<ProgramRow>(
    `SELECT id, bin_prefix, pan_length, timezone, default_spend_controls FROM card.programs
     WHERE id = $1 AND partner_id = $2 AND livemode = $3`,
    [id, tenant.partnerId, tenant.livemode],
  );
  const row = rows[0];
  return (
    row && {
      id: row.id,
      binPrefix: row.bin_prefix,
      panLength: row.pan_length,
      timezone: row.timezone,
      defaultSpendControls: row.default_spend_controls,
    }
  );
}

async function copyProgram(db: Queryable, tenant: Tenant, copy: Program): Promise<void> {
  await db.query(
    `INSERT INTO card.programs (id, partner_id, livemode, bin_prefix, pan_length, timezone, default_spend_controls)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
    [
      copy.id,
      tenant.partnerId,
      tenant.livemode,
      copy.binPrefix,
      copy.panLength,
      copy.timezone,
      copy.defaultSpendControls,
    ],
  );
}

async function cardholder(db: Queryable, tenant: Tenant, id: string): Promise<CardholderFacts | undefined> {
  const { rows } = await db.query<CardholderFacts>(
    "SELECT id, status FROM card.cardholders WHERE id = $1 AND partner_id = $2 AND livemode = $3",
    [id, tenant.partnerId, tenant.livemode],
  );
  return rows[0];
}

async function copyCardholder(
  db: Queryable,
  tenant: Tenant,
  copy: CardholderFacts & { version: number },
): Promise<void> {
  await db.query(
    `INSERT INTO card.cardholders (id, partner_id, livemode, status, version) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, version = excluded.version
     WHERE card.cardholders.version < excluded.version`,
    [copy.id, tenant.partnerId, tenant.livemode, copy.status, copy.version],
  );
}

/** What an authorization needs of its card's program: its calendar, and whether its partner is suspended. */
async function authorizationContext(
  db: Queryable,
  tenant: Tenant,
  programId: string,
): Promise<{ timezone: string | null; partnerSuspended: boolean }> {
  const { rows } = await db.query<{ timezone: string | null; partner_suspended: boolean }>(
    `SELECT (SELECT timezone FROM card.programs WHERE id = $1 AND partner_id = $2 AND livemode = $3) AS timezone,
            coalesce((SELECT suspended FROM card.partners WHERE id = $2), false) AS partner_suspended`,
    [programId, tenant.partnerId, tenant.livemode],
  );
  const row = rows[0];
  return { timezone: row?.timezone ?? null, partnerSuspended: row?.partner_suspended ?? false };
}

async function copyPartnerStatus(
  db: Queryable,
  partner: { id: string; suspended: boolean; version: number },
): Promise<void> {
  await db.query(
    `INSERT INTO card.partners (id, suspended, version) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET suspended = excluded.suspended, version = excluded.version
     WHERE card.partners.version < excluded.version`,
    [partner.id, partner.suspended, partner.version],
  );
}

async function recordSensitiveRead(db: Queryable, tenant: Tenant, read: SensitiveRead): Promise<void> {
  await db.query(
    `INSERT INTO card.sensitive_reads (card_id, partner_id, livemode, actor_type, actor_id, request_id, read_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [read.cardId, tenant.partnerId, tenant.livemode, read.actor.type, read.actor.id, read.actor.requestId, read.at],
  );
}

/** What an authorization and its increments (other than `except`) still hold, counted parts only. */
async function authorizedSoFar(db: Queryable, tenant: Tenant, original: string, except: string): Promise<number> {
  const { rows } = await db.query<{ amount: string }>(
    `SELECT coalesce(sum(amount), 0) AS amount FROM card.authorization_parts
     WHERE (authorization_id = $1 OR increment_of = $1) AND authorization_id <> $4 AND counted
       AND partner_id = $2 AND livemode = $3`,
    [original, tenant.partnerId, tenant.livemode, except],
  );
  return Number(rows[0]?.amount ?? 0);
}

export const cardRepository: CardStore = {
  load: (db, tenant, id) => load(db, tenant, id),
  insert,
  update,
  program,
  cardholder,
  copyProgram,
  copyCardholder,
  authorizationContext,
  copyPartnerStatus,
  recordSensitiveRead,
  lockForAuthorization,
  authorizationPart,
  saveAuthorizationPart,
  spent,
  authorizedSoFar,
};
