import { tenantSchema } from "@koban/contracts";
import { z } from "zod";
import { readAs } from "./access.ts";
import { consistency, listInput, page, readYourWrite, t } from "./procedure.ts";
import { type EventRow, renderEvent } from "./render.ts";

const columns = "id, livemode, type, object, created_at";

const get = t.procedure
  .input(z.object({ tenant: tenantSchema, id: z.string(), consistency }))
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<EventRow>(`SELECT ${columns} FROM query.events WHERE id = $1 AND partner_id = $2 AND livemode = $3`, [
        input.id,
        input.tenant.partnerId,
        input.tenant.livemode,
      ]),
    );
    return rows[0] ? renderEvent(rows[0]) : null;
  });

/** `type` is one type; `typePrefix` (`card.`) every type that starts with it. */
const list = t.procedure
  .input(
    z.object({ tenant: tenantSchema, ...listInput, type: z.string().optional(), typePrefix: z.string().optional() }),
  )
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<EventRow>(
        `SELECT ${columns} FROM query.events
         WHERE partner_id = $1 AND livemode = $2
           AND ($3::text IS NULL OR id < $3)
           AND ($4::text IS NULL OR type = $4)
           AND ($5::text IS NULL OR starts_with(type, $5))
           AND ($6::timestamptz IS NULL OR created_at >= $6)
           AND ($7::timestamptz IS NULL OR created_at < $7)
         ORDER BY id DESC LIMIT $8`,
        [
          input.tenant.partnerId,
          input.tenant.livemode,
          input.startingAfter ?? null,
          input.type ?? null,
          input.typePrefix ?? null,
          input.createdGte ?? null,
          input.createdLt ?? null,
          input.limit + 1,
        ],
      ),
    );
    return page(rows, input.limit, renderEvent);
  });

export const events = t.router({ get, list });
