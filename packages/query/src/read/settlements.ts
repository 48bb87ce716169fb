import { tenantSchema } from "@koban/contracts";
import { z } from "zod";
import { readAs } from "./access.ts";
import { consistency, listInput, page, readYourWrite, t } from "./procedure.ts";

interface Line {
  count: number;
  amount: number;
}

export interface SettlementRow {
  id: string;
  livemode: boolean;
  date: string;
  currency: string;
  time_zone: string;
  totals: { purchases: Line; refunds: Line; force_posts: Line; fees: Line; shortfall: number; net_amount: number };
  transaction_count: number;
  status: "calculated" | "posted";
  created_at: Date;
  posted_at: Date | null;
}

/** A day's settlement with the network as the API shows it: its line items and the net amount due. */
export function renderSettlement(row: SettlementRow) {
  const t = row.totals;
  return {
    id: row.id,
    object: "settlement" as const,
    date: row.date,
    currency: row.currency,
    time_zone: row.time_zone,
    status: row.status,
    transaction_count: row.transaction_count,
    line_items: [
      { type: "purchase" as const, count: t.purchases.count, amount: t.purchases.amount },
      { type: "refund" as const, count: t.refunds.count, amount: t.refunds.amount },
      { type: "force_post" as const, count: t.force_posts.count, amount: t.force_posts.amount },
      { type: "interchange" as const, count: t.fees.count, amount: t.fees.amount },
    ],
    /** What force posts took balances below zero by: owed by the partner. */
    shortfall_amount: t.shortfall,
    /** Purchases and force posts, less refunds and interchange: what is paid to the network (negative: received). */
    net_amount: t.net_amount,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
    posted_at: row.posted_at?.toISOString() ?? null,
  };
}
export type SettlementResource = ReturnType<typeof renderSettlement>;

/** The columns renderSettlement reads, from query.settlements. */
export const settlementSelect = `SELECT id, livemode, to_char(date, 'YYYY-MM-DD') AS date, currency, time_zone, totals, transaction_count,
    status, created_at, posted_at
  FROM query.settlements`;

const get = t.procedure
  .input(z.object({ tenant: tenantSchema, id: z.string(), consistency }))
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<SettlementRow>(`${settlementSelect} WHERE id = $1 AND partner_id = $2 AND livemode = $3`, [
        input.id,
        input.tenant.partnerId,
        input.tenant.livemode,
      ]),
    );
    return rows[0] ? renderSettlement(rows[0]) : null;
  });

const list = t.procedure
  .input(
    z.object({
      tenant: tenantSchema,
      ...listInput,
      date: z.string().optional(),
      currency: z.string().optional(),
    }),
  )
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<SettlementRow>(
        `${settlementSelect}
         WHERE partner_id = $1 AND livemode = $2 AND ($3::text IS NULL OR id < $3)
           AND ($4::date IS NULL OR date = $4::date) AND ($5::text IS NULL OR currency = $5)
         ORDER BY id DESC LIMIT $6`,
        [
          input.tenant.partnerId,
          input.tenant.livemode,
          input.startingAfter ?? null,
          input.date ?? null,
          input.currency ?? null,
          input.limit + 1,
        ],
      ),
    );
    return page(rows, input.limit, renderSettlement);
  });

/** The transactions a settlement counts, one CSV row each (for accounting), oldest first. */
const csv = t.procedure.input(z.object({ tenant: tenantSchema, id: z.string() })).query(async ({ ctx, input }) => {
  const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
    db.query<{ line: string }>(
      `SELECT concat_ws(',', t.settlement_id, t.id, t.type, t.amount, t.currency, t.fee,
                  coalesce((t.posting->>'shortfall')::bigint, 0), coalesce(t.authorization_id, ''), t.card_id,
                  to_char(t.posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS line
         FROM query.transactions t JOIN query.settlements s ON s.id = t.settlement_id
         WHERE s.id = $1 AND s.partner_id = $2 AND s.livemode = $3
         ORDER BY t.posted_at, t.id`,
      [input.id, input.tenant.partnerId, input.tenant.livemode],
    ),
  );
  const header =
    "settlement_id,transaction_id,type,amount,currency,interchange_amount,shortfall_amount,authorization_id,card_id,posted_at";
  return `${[header, ...rows.map((row) => row.line)].join("\n")}\n`;
});

export const settlements = t.router({ get, list, csv });
