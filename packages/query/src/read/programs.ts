import { tenantSchema } from "@koban/contracts";
import { z } from "zod";
import { readAs } from "./access.ts";
import { consistency, listInput, page, readYourWrite, t } from "./procedure.ts";
import { type ProgramRow, renderProgram } from "./render.ts";

const columns = `id, livemode, name, currency, timezone, bin_prefix, default_spend_controls,
  default_funding_source_id, created_at`;

const get = t.procedure
  .input(z.object({ tenant: tenantSchema, id: z.string(), consistency }))
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<ProgramRow>(
        `SELECT ${columns} FROM query.programs WHERE id = $1 AND partner_id = $2 AND livemode = $3`,
        [input.id, input.tenant.partnerId, input.tenant.livemode],
      ),
    );
    return rows[0] ? renderProgram(rows[0]) : null;
  });

const list = t.procedure.input(z.object({ tenant: tenantSchema, ...listInput })).query(async ({ ctx, input }) => {
  await readYourWrite(ctx.pool, input.tenant, input.consistency);
  const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
    db.query<ProgramRow>(
      `SELECT ${columns} FROM query.programs
         WHERE partner_id = $1 AND livemode = $2
           AND ($3::text IS NULL OR id < $3)
           AND ($4::timestamptz IS NULL OR created_at >= $4)
           AND ($5::timestamptz IS NULL OR created_at < $5)
         ORDER BY id DESC LIMIT $6`,
      [
        input.tenant.partnerId,
        input.tenant.livemode,
        input.startingAfter ?? null,
        input.createdGte ?? null,
        input.createdLt ?? null,
        input.limit + 1,
      ],
    ),
  );
  return page(rows, input.limit, renderProgram);
});

export const programs = t.router({ get, list });
