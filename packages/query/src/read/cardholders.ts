import { tenantSchema } from "@koban/contracts";
import { z } from "zod";
import { readAs } from "./access.ts";
import { consistency, listInput, page, readYourWrite, t } from "./procedure.ts";
import { type CardholderRow, renderCardholder } from "./render.ts";

const columns = `id, livemode, type, status, kyc_status, business_id, individual, business,
  email, phone_number, address, metadata, spend_controls, compliance_hold, created_at`;

const get = t.procedure
  .input(z.object({ tenant: tenantSchema, id: z.string(), consistency }))
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<CardholderRow>(
        `SELECT ${columns} FROM query.cardholders WHERE id = $1 AND partner_id = $2 AND livemode = $3`,
        [input.id, input.tenant.partnerId, input.tenant.livemode],
      ),
    );
    return rows[0] ? renderCardholder(rows[0]) : null;
  });

const list = t.procedure
  .input(
    z.object({
      tenant: tenantSchema,
      ...listInput,
      status: z.string().optional(),
      type: z.string().optional(),
      kycStatus: z.string().optional(),
      /** Part of a name, email or phone number, or a whole id (the console's search box). */
      search: z.string().trim().min(1).max(100).optional(),
    }),
  )
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<CardholderRow>(
        `SELECT ${columns} FROM query.cardholders
         WHERE partner_id = $1 AND livemode = $2
           AND ($3::text IS NULL OR id < $3)
           AND ($4::text IS NULL OR status = $4)
           AND ($5::text IS NULL OR type = $5)
           AND ($6::timestamptz IS NULL OR created_at >= $6)
           AND ($7::timestamptz IS NULL OR created_at < $7)
           AND ($9::text IS NULL OR kyc_status = $9)
           AND ($10::text IS NULL OR id = $10 OR strpos(lower(concat_ws(' ', individual->>'first_name',
                individual->>'last_name', business->>'legal_name', email, phone_number)), lower($10)) > 0)
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
          input.kycStatus ?? null,
          input.search ?? null,
        ],
      ),
    );
    return page(rows, input.limit, renderCardholder);
  });

export const cardholders = t.router({ get, list });
