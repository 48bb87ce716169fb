import { tenantSchema } from "@koban/contracts";
import { z } from "zod";
import { readAs } from "./access.ts";
import { consistency, listInput, page, readYourWrite, t } from "./procedure.ts";
import { type CardRow, renderCard } from "./render.ts";

const columns = `id, livemode, cardholder_id, program_id, type, status, last4, exp_month, exp_year,
  spend_controls, closed_reason, replacement_for, replacement_reason, replaced_by, funding_source_id, compliance_hold,
  created_at`;

const get = t.procedure
  .input(z.object({ tenant: tenantSchema, id: z.string(), consistency }))
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<CardRow>(`SELECT ${columns} FROM query.cards WHERE id = $1 AND partner_id = $2 AND livemode = $3`, [
        input.id,
        input.tenant.partnerId,
        input.tenant.livemode,
      ]),
    );
    return rows[0] ? renderCard(rows[0]) : null;
  });

const list = t.procedure
  .input(
    z.object({
      tenant: tenantSchema,
      ...listInput,
      status: z.string().optional(),
      type: z.string().optional(),
      cardholderId: z.string().optional(),
    }),
  )
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<CardRow>(
        `SELECT ${columns} FROM query.cards
         WHERE partner_id = $1 AND livemode = $2
           AND ($3::text IS NULL OR id < $3)
           AND ($4::text IS NULL OR status = $4)
           AND ($5::text IS NULL OR type = $5)
           AND ($6::text IS NULL OR cardholder_id = $6)
           AND ($7::timestamptz IS NULL OR created_at >= $7)
           AND ($8::timestamptz IS NULL OR created_at < $8)
         ORDER BY id DESC LIMIT $9`,
        [
          input.tenant.partnerId,
          input.tenant.livemode,
          input.startingAfter ?? null,
          input.status ?? null,
          input.type ?? null,
          input.cardholderId ?? null,
          input.createdGte ?? null,
          input.createdLt ?? null,
          input.limit + 1,
        ],
      ),
    );
    return page(rows, input.limit, renderCard);
  });

export const cards = t.router({ get, list });
