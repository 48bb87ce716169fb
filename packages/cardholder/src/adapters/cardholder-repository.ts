import type {
  CalendarPeriods,
  CardholderDetails,
  ParticipantResult,
  SpendControls,
  Spent,
  Tenant,
} from "@koban/contracts";
import { lockWait, type Queryable } from "@koban/db";
import type { CardholderStore } from "../application/cardholder-store.ts";
import { type AuthorizationPart, counts } from "../domain/authorization.ts";
import type { Cardholder } from "../domain/cardholder.ts";

interface Row {
  id: string;
  type: Cardholder["type"];
  status: Cardholder["status"];
  kyc_status: Cardholder["kycStatus"];
  details: CardholderDetails;
  spend_controls: SpendControls;
  hold_reason: string | null;
  hold_placed_by: string | null;
  hold_placed_at: Date | null;
  created_at: Date;
  version: number;
}

const toCardholder = (row: Row): Cardholder => ({
  id: row.id,
  type: row.type,
  status: row.status,
  kycStatus: row.kyc_status,
  details: row.details,
  spendControls: row.spend_controls,
  complianceHold:
    row.hold_reason === null || row.hold_placed_by === null || row.hold_placed_at === null
      ? null
      : { reason: row.hold_reason, placedBy: row.hold_placed_by, placedAt: row.hold_placed_at.toISOString() },
  createdAt: row.created_at.toISOString(),
  version: row.version,
});

async function loadCardholder(
  db: Queryable,
  tenant: Tenant,
  id: string,
  options: { forUpdate?: boolean; lock?: "FOR NO KEY UPDATE" | "FOR NO KEY UPDATE NOWAIT" } = {},
): Promise<Cardholder | undefined> {
  const lock = options.lock ?? (options.forUpdate ? "FOR UPDATE" : "");
  const { rows } = await db.query<Row>(
    `SELECT id, type, status, kyc_status, details, spend_controls, hold_reason, hold_placed_by, hold_placed_at,
            created_at, version
     FROM cardholder.cardholders
     WHERE id = $1 AND partner_id = $2 AND livemode = $3 ${lock}`,
    [id, tenant.partnerId, tenant.livemode],
  );
  return rows[0] && toCardholder(rows[0]);
}

async function insertCardholder(db: Queryable, tenant: Tenant, state: Cardholder): Promise<void> {
  await db.query(
    `INSERT INTO cardholder.cardholders
       (id, partner_id, livemode, type, status, kyc_status, business_id, details, spend_controls, version, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      state.id,
      tenant.partnerId,
      tenant.livemode,
      state.type,
      state.status,
      state.kycStatus,
      state.details.business_id,
      state.details,
      state.spendControls,
      state.version,
      state.createdAt,
    ],
  );
}

/** Optimistic: the WHERE on the loaded version makes a concurrent writer's change win, and this one retry. */
async function updateCardholder(db: Queryable, tenant: Tenant, before: Cardholder, after: Cardholder) {
  const { rowCount } = await db.query(
    `UPDATE cardholder.cardholders SET status = $5, kyc_status = $6, details = $7, version = $8, spend_controls = $9,
       hold_reason = $10, hold_placed_by = $11, hold_placed_at = $12
     WHERE id = $1 AND partner_id = $2 AND livemode = $3 AND version = $4`,
    [
      before.id,
      tenant.partnerId,
      tenant.livemode,
      before.version,
      after.status,
      after.kycStatus,
      after.details,
      after.version,
      after.spendControls,
      after.complianceHold?.reason ?? null,
      after.complianceHold?.placedBy ?? null,
      after.complianceHold?.placedAt ?? null,
    ],
  );
  return rowCount === 1;
}

/**
 * NO KEY UPDATE: it serialises authorizations (and changes) without blocking an employee's foreign
 * key to its business. In a batch, only the first cardholder's lock waits (see lockWait).
 */
const lockForAuthorization = async (db: Queryable, tenant: Tenant, id: string) =>
  loadCardholder(db, tenant, id, { lock: `FOR NO KEY UPDATE${await lockWait(db, "cardholder")}` });

async function copyProgram(db: Queryable, tenant: Tenant, program: { id: string; timezone: string }): Promise<void> {
  await db.query(
    `INSERT INTO cardholder.programs (id, partner_id, livemode, timezone) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO NOTHING`,
    [program.id, tenant.partnerId, tenant.livemode, program.timezone],
  );
}

async function programTimeZone(db: Queryable, tenant: Tenant, programId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ timezone: string }>(
    "SELECT timezone FROM cardholder.programs WHERE id = $1 AND partner_id = $2 AND livemode = $3",
    [programId, tenant.partnerId, tenant.livemode],
  );
  return rows[0]?.timezone;
}

interface PartRow {
  authorization_id: string;
  cardholder_id: string;
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
    `SELECT authorization_id, cardholder_id, card_id, amount, currency, requested_at, result, state, checked_at,
            settled_at, reversed, increment_of
     FROM cardholder.authorization_parts WHERE authorization_id = $1 AND partner_id = $2 AND livemode = $3
     FOR UPDATE`,
    [authorizationId, tenant.partnerId, tenant.livemode],
  );
  const row = rows[0];
  return (
    row && {
      authorizationId: row.authorization_id,
      cardholderId: row.cardholder_id,
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
    part.cardholderId,
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
        `INSERT INTO cardholder.authorization_parts (authorization_id, partner_id, livemode, cardholder_id, card_id,
           amount, currency, requested_at, result, state, counted, checked_at, settled_at, reversed, increment_of)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (authorization_id) DO NOTHING`,
        values,
      )
    : await db.query(
        `UPDATE cardholder.authorization_parts SET cardholder_id = $4, card_id = $5, amount = $6, currency = $7,
           requested_at = $8, result = $9, state = $10, counted = $11, checked_at = $12, settled_at = $13,
           reversed = $14, increment_of = $15
         WHERE authorization_id = $1 AND partner_id = $2 AND livemode = $3`,
        values,
      );
  return rowCount === 1;
}

async function spent(
  db: Queryable,
  tenant: Tenant,
  cardholderId: string,
  periods: CalendarPeriods,
  except: string,
): Promise<Spent> {
  const { rows } = await db.query<Record<string, string>>(
    `SELECT coalesce(sum(amount) FILTER (WHERE requested_at >= $5 AND requested_at < $6), 0) AS day_amount,
            count(*) FILTER (WHERE requested_at >= $5 AND requested_at < $6 AND increment_of IS NULL) AS day_count,
            coalesce(sum(amount) FILTER (WHERE requested_at >= $7 AND requested_at < $8), 0) AS month_amount,
            count(*) FILTER (WHERE requested_at >= $7 AND requested_at < $8 AND increment_of IS NULL) AS month_count,
            coalesce(sum(amount), 0) AS lifetime_amount
     FROM cardholder.authorization_parts
     WHERE cardholder_id = $1 AND partner_id = $2 AND livemode = $3 AND counted AND authorization_id <> $4`,
    [
      cardholderId,
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

/** What an authorization and its increments (other than `except`) still hold, counted parts only. */
async function authorizedSoFar(db: Queryable, tenant: Tenant, original: string, except: string): Promise<number> {
  const { rows } = await db.query<{ amount: string }>(
    `SELECT coalesce(sum(amount), 0) AS amount FROM cardholder.authorization_parts
     WHERE (authorization_id = $1 OR increment_of = $1) AND authorization_id <> $4 AND counted
       AND partner_id = $2 AND livemode = $3`,
    [original, tenant.partnerId, tenant.livemode, except],
  );
  return Number(rows[0]?.amount ?? 0);
}

export const cardholderRepository: CardholderStore = {
  load: (db, tenant, id, options) => loadCardholder(db, tenant, id, options),
  insert: insertCardholder,
  update: updateCardholder,
  lockForAuthorization,
  copyProgram,
  programTimeZone,
  authorizationPart,
  saveAuthorizationPart,
  spent,
  authorizedSoFar,
};
