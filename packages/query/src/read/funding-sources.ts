import { type JitGateway, tenantSchema } from "@koban/contracts";
import { z } from "zod";
import { readAs } from "./access.ts";
import { consistency, listInput, page, readYourWrite, t } from "./procedure.ts";

export interface FundingSourceRow {
  id: string;
  livemode: boolean;
  type: "prefunded" | "jit_gateway";
  description: string | null;
  jit_gateway: JitGateway | null;
  created_at: Date;
}

export function renderFundingSource(row: FundingSourceRow) {
  return {
    id: row.id,
    object: "funding_source" as const,
    type: row.type,
    description: row.description,
    jit_gateway: row.jit_gateway && {
      url: row.jit_gateway.url,
      deadline_ms: row.jit_gateway.deadline_ms,
      stand_in: row.jit_gateway.stand_in,
    },
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
  };
}

export type FundingSourceResource = ReturnType<typeof renderFundingSource>;

const columns = "id, livemode, type, description, jit_gateway, created_at";

const get = t.procedure
  .input(z.object({ tenant: tenantSchema, id: z.string(), consistency }))
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<FundingSourceRow>(
        `SELECT ${columns} FROM query.funding_sources WHERE id = $1 AND partner_id = $2 AND livemode = $3`,
        [input.id, input.tenant.partnerId, input.tenant.livemode],
      ),
    );
    return rows[0] ? renderFundingSource(rows[0]) : null;
  });

const list = t.procedure
  .input(z.object({ tenant: tenantSchema, ...listInput, type: z.enum(["prefunded", "jit_gateway"]).optional() }))
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<FundingSourceRow>(
        `SELECT ${columns} FROM query.funding_sources
         WHERE partner_id = $1 AND livemode = $2 AND ($3::text IS NULL OR id < $3) AND ($4::text IS NULL OR type = $4)
         ORDER BY id DESC LIMIT $5`,
        [
          input.tenant.partnerId,
          input.tenant.livemode,
          input.startingAfter ?? null,
          input.type ?? null,
          input.limit + 1,
        ],
      ),
    );
    return page(rows, input.limit, renderFundingSource);
  });

export const fundingSources = t.router({ get, list });
