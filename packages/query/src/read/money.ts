import { tenantSchema } from "@koban/contracts";
import { z } from "zod";
import { readAs } from "./access.ts";
import { consistency, listInput, page, readYourWrite, t } from "./procedure.ts";
import {
  type AccountRow,
  type DepositRow,
  renderAccount,
  renderDeposit,
  renderTransfer,
  type TransferRow,
} from "./render.ts";

/** Partners see their program's and their cardholders' accounts, never the platform's own. */
const accountColumns = "id, livemode, kind, owner_id, currency, posted, pending, available, created_at";
const visible = "kind IN ('program_funding', 'cardholder_prepaid')";

const getAccount = t.procedure
  .input(z.object({ tenant: tenantSchema, id: z.string(), consistency }))
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<AccountRow>(
        `SELECT ${accountColumns} FROM query.accounts
         WHERE id = $1 AND partner_id = $2 AND livemode = $3 AND ${visible}`,
        [input.id, input.tenant.partnerId, input.tenant.livemode],
      ),
    );
    return rows[0] ? renderAccount(rows[0]) : null;
  });

const listAccounts = t.procedure
  .input(
    z.object({
      tenant: tenantSchema,
      ...listInput,
      cardholderId: z.string().optional(),
      programId: z.string().optional(),
      type: z.enum(["program_funding", "cardholder_prepaid"]).optional(),
    }),
  )
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<AccountRow>(
        `SELECT ${accountColumns} FROM query.accounts
         WHERE partner_id = $1 AND livemode = $2 AND ${visible} AND ($3::text IS NULL OR id < $3)
           AND ($4::text IS NULL OR (kind = 'cardholder_prepaid' AND owner_id = $4))
           AND ($5::text IS NULL OR (kind = 'program_funding' AND owner_id = $5))
           AND ($7::text IS NULL OR kind = $7)
         ORDER BY id DESC LIMIT $6`,
        [
          input.tenant.partnerId,
          input.tenant.livemode,
          input.startingAfter ?? null,
          input.cardholderId ?? null,
          input.programId ?? null,
          input.limit + 1,
          input.type ?? null,
        ],
      ),
    );
    return page(rows, input.limit, renderAccount);
  });

const transferColumns = "id, livemode, program_id, cardholder_id, direction, amount, currency, created_at";

const getTransfer = t.procedure
  .input(z.object({ tenant: tenantSchema, id: z.string(), consistency }))
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<TransferRow>(
        `SELECT ${transferColumns} FROM query.transfers WHERE id = $1 AND partner_id = $2 AND livemode = $3`,
        [input.id, input.tenant.partnerId, input.tenant.livemode],
      ),
    );
    return rows[0] ? renderTransfer(rows[0]) : null;
  });

const listTransfers = t.procedure
  .input(
    z.object({
      tenant: tenantSchema,
      ...listInput,
      cardholderId: z.string().optional(),
      type: z.enum(["load", "unload"]).optional(),
    }),
  )
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<TransferRow>(
        `SELECT ${transferColumns} FROM query.transfers
         WHERE partner_id = $1 AND livemode = $2 AND ($3::text IS NULL OR id < $3)
           AND ($4::text IS NULL OR cardholder_id = $4)
           AND ($6::text IS NULL OR direction = $6)
         ORDER BY id DESC LIMIT $5`,
        [
          input.tenant.partnerId,
          input.tenant.livemode,
          input.startingAfter ?? null,
          input.cardholderId ?? null,
          input.limit + 1,
          input.type === undefined ? null : input.type === "load" ? "to_cardholder" : "to_program",
        ],
      ),
    );
    return page(rows, input.limit, renderTransfer);
  });

const getDeposit = t.procedure
  .input(z.object({ tenant: tenantSchema, id: z.string(), consistency }))
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<DepositRow>(
        `SELECT id, livemode, program_id, amount, currency, description, created_at FROM query.deposits
         WHERE id = $1 AND partner_id = $2 AND livemode = $3`,
        [input.id, input.tenant.partnerId, input.tenant.livemode],
      ),
    );
    return rows[0] ? renderDeposit(rows[0]) : null;
  });

export const accounts = t.router({ get: getAccount, list: listAccounts });
export const transfers = t.router({ get: getTransfer, list: listTransfers });
export const deposits = t.router({ get: getDeposit });
