import { tenantSchema } from "@koban/contracts";
import { z } from "zod";
import { readAs } from "./access.ts";
import { summary } from "./authorization-summary.ts";
import { consistency, listInput, page, readYourWrite, t } from "./procedure.ts";
import { type AuthorizationRow, renderAuthorization } from "./render.ts";

/** The saga's timeline of the authorization `a`, oldest line first, as a json column. */
export const timelineOf = `coalesce((SELECT json_agg(json_build_object('at', l.at, 'participant', l.participant,
    'step', l.step, 'detail', l.detail) ORDER BY l.at, l.message_id)
  FROM query.authorization_timeline l WHERE l.authorization_id = a.id), '[]'::json) AS timeline`;

/** Each authorization with its saga's timeline. */
const select = `SELECT a.id, a.livemode, a.card_id, a.cardholder_id, a.status, a.amount, a.currency, a.merchant,
    a.network, a.decline_reason, a.approval_code, a.increment_of, a.remaining_amount, a.created_at, a.decided_at, ${timelineOf}
  FROM query.authorizations a`;

const get = t.procedure
  .input(z.object({ tenant: tenantSchema, id: z.string(), consistency }))
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<AuthorizationRow>(`${select} WHERE a.id = $1 AND a.partner_id = $2 AND a.livemode = $3`, [
        input.id,
        input.tenant.partnerId,
        input.tenant.livemode,
      ]),
    );
    return rows[0] ? renderAuthorization(rows[0]) : null;
  });

const list = t.procedure
  .input(
    z.object({
      tenant: tenantSchema,
      ...listInput,
      cardId: z.string().optional(),
      cardholderId: z.string().optional(),
      incrementOf: z.string().optional(),
      status: z.string().optional(),
      rrn: z.string().optional(),
    }),
  )
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<AuthorizationRow>(
        `${select}
         WHERE a.partner_id = $1 AND a.livemode = $2 AND ($3::text IS NULL OR a.id < $3)
           AND ($4::text IS NULL OR a.card_id = $4) AND ($5::text IS NULL OR a.cardholder_id = $5)
           AND ($6::text IS NULL OR a.status = $6) AND ($7::text IS NULL OR a.network->>'rrn' = $7)
           AND ($8::timestamptz IS NULL OR a.created_at >= $8) AND ($9::timestamptz IS NULL OR a.created_at < $9)
           AND ($11::text IS NULL OR a.increment_of = $11)
         ORDER BY a.id DESC LIMIT $10`,
        [
          input.tenant.partnerId,
          input.tenant.livemode,
          input.startingAfter ?? null,
          input.cardId ?? null,
          input.cardholderId ?? null,
          input.status ?? null,
          input.rrn ?? null,
          input.createdGte ?? null,
          input.createdLt ?? null,
          input.limit + 1,
          input.incrementOf ?? null,
        ],
      ),
    );
    return page(rows, input.limit, renderAuthorization);
  });

export const authorizations = t.router({ get, list, summary });
