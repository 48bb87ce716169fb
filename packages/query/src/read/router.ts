import { type Tenant, tenantSchema } from "@koban/contracts";
import type { Pool } from "@koban/db";
import { initTRPC, TRPCError } from "@trpc/server";
import { z } from "zod";
import { readAs } from "./access.ts";
import { waitForConsistency } from "./consistency.ts";
import { type CardholderRow, renderCardholder } from "./render.ts";

export interface QueryContext {
  pool: Pool;
}

const t = initTRPC.context<QueryContext>().create();

/** How long a read waits for its own write to reach the read model. */
const CONSISTENCY_WAIT_MS = 3_000;

const consistency = z.string().max(200).optional();

/** Waits until the read model has the caller's write; never answers with a state older than it. */
async function readYourWrite(pool: Pool, tenant: Tenant, token: string | undefined): Promise<void> {
  if (token && !(await waitForConsistency(pool, tenant, token, CONSISTENCY_WAIT_MS))) {
    throw new TRPCError({ code: "TIMEOUT", message: "the read model has not reached this write yet" });
  }
}

const cardholderColumns = `id, livemode, type, status, kyc_status, business_id, individual, business,
  email, phone_number, address, metadata, created_at`;

const readCardholder = t.procedure
  .input(z.object({ tenant: tenantSchema, id: z.string(), consistency }))
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<CardholderRow>(
        `SELECT ${cardholderColumns} FROM query.cardholders WHERE id = $1 AND partner_id = $2 AND livemode = $3`,
        [input.id, input.tenant.partnerId, input.tenant.livemode],
      ),
    );
    return rows[0] ? renderCardholder(rows[0]) : null;
  });

const listCardholders = t.procedure
  .input(
    z.object({
      tenant: tenantSchema,
      limit: z.number().int().min(1).max(100),
      startingAfter: z.string().optional(),
      status: z.string().optional(),
      type: z.string().optional(),
      createdGte: z.string().optional(),
      createdLt: z.string().optional(),
      consistency,
    }),
  )
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<CardholderRow>(
        `SELECT ${cardholderColumns} FROM query.cardholders
       WHERE partner_id = $1 AND livemode = $2
         AND ($3::text IS NULL OR id < $3)
         AND ($4::text IS NULL OR status = $4)
         AND ($5::text IS NULL OR type = $5)
         AND ($6::timestamptz IS NULL OR created_at >= $6)
         AND ($7::timestamptz IS NULL OR created_at < $7)
       ORDER BY id DESC LIMIT $8`,
        [
          input.tenant.partnerId,
          input.tenant.livemode,
          input.startingAfter ?? null,
          input.status ?? null,
          input.type ?? null,
          input.createdGte ?? null,
          input.createdLt ?? null,
          input.limit + 1,
        ],
      ),
    );
    const page = rows.slice(0, input.limit).map(renderCardholder);
    return {
      data: page,
      hasMore: rows.length > input.limit,
      nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
    };
  });

const authenticate = t.procedure.input(z.object({ keyHash: z.string() })).query(async ({ ctx, input }) => {
  const { rows } = await readAs(ctx.pool, { apiKeyHash: input.keyHash }, (db) =>
    db.query<{ api_key_id: string; partner_id: string; livemode: boolean }>(
      "SELECT api_key_id, partner_id, livemode FROM query.api_keys WHERE key_hash = $1 AND revoked_at IS NULL",
      [input.keyHash],
    ),
  );
  const key = rows[0];
  return key ? { apiKeyId: key.api_key_id, tenant: { partnerId: key.partner_id, livemode: key.livemode } } : null;
});

export const queryRouter = t.router({
  apiKeys: t.router({ authenticate }),
  cardholders: t.router({ get: readCardholder, list: listCardholders }),
});

export type QueryRouter = typeof queryRouter;
