import type { CardholderDetails, SpendControls, Tenant } from "@koban/contracts";
import type { Queryable } from "@koban/db";
import type { CardholderStore } from "../application/cardholder-store.ts";
import type { Cardholder } from "../domain/cardholder.ts";

interface Row {
  id: string;
  type: Cardholder["type"];
  status: Cardholder["status"];
  kyc_status: Cardholder["kycStatus"];
  details: CardholderDetails;
  spend_controls: SpendControls;
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
  createdAt: row.created_at.toISOString(),
  version: row.version,
});

async function loadCardholder(
  db: Queryable,
  tenant: Tenant,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Cardholder | undefined> {
  const { rows } = await db.query<Row>(
    `SELECT id, type, status, kyc_status, details, spend_controls, created_at, version FROM cardholder.cardholders
     WHERE id = $1 AND partner_id = $2 AND livemode = $3 ${options.forUpdate ? "FOR UPDATE" : ""}`,
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
    `UPDATE cardholder.cardholders SET status = $5, kyc_status = $6, details = $7, version = $8, spend_controls = $9
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
    ],
  );
  return rowCount === 1;
}

export const cardholderRepository: CardholderStore = {
  load: loadCardholder,
  insert: insertCardholder,
  update: updateCardholder,
};
