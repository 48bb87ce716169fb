import { tenantSchema } from "@koban/contracts";
import { z } from "zod";
import { readAs } from "./access.ts";
import { consistency, listInput, page, readYourWrite, t } from "./procedure.ts";

export interface TransactionRow {
  id: string;
  livemode: boolean;
  type: "purchase" | "refund" | "force_post";
  authorization_id: string | null;
  card_id: string;
  cardholder_id: string;
  amount: string | number;
  currency: string;
  merchant: { name: string; mcc: string; country: string; network_id: string | null };
  network: { arn: string; authorization: { stan: string; rrn: string } | null };
  sequence: number;
  count: number;
  fee: string | number;
  settlement_date: string;
  posting: { from_hold: number; released: number; excess: number; forced: boolean; shortfall: number };
  created_at: Date;
  posted_at: Date;
}

/** A posted money movement as the API shows it, linked to its authorization. */
export function renderTransaction(row: TransactionRow) {
  return {
    id: row.id,
    object: "transaction" as const,
    type: row.type,
    amount: Number(row.amount),
    currency: row.currency,
    card_id: row.card_id,
    cardholder_id: row.cardholder_id,
    authorization_id: row.authorization_id,
    merchant: row.merchant,
    network: {
      arn: row.network.arn,
      authorization: row.network.authorization,
      sequence: row.sequence,
      count: row.count,
    },
    /** What the authorization's hold paid, released and what was posted beyond it. */
    hold: { posted_amount: row.posting.from_hold, released_amount: row.posting.released },
    excess_amount: row.posting.excess,
    forced: row.posting.forced,
    /** What this took the balance below zero by: owed by the partner. */
    shortfall_amount: row.posting.shortfall,
    interchange_amount: Number(row.fee),
    settlement_date: row.settlement_date,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
    posted_at: row.posted_at.toISOString(),
  };
}
export type TransactionResource = ReturnType<typeof renderTransaction>;

/** The columns renderTransaction reads, from query.transactions. */
export const transactionSelect = `SELECT id, livemode, type, authorization_id, card_id, cardholder_id, amount, currency, merchant, network,
    sequence, count, fee, to_char(settlement_date, 'YYYY-MM-DD') AS settlement_date, posting, created_at, posted_at
  FROM query.transactions`;

const get = t.procedure
  .input(z.object({ tenant: tenantSchema, id: z.string(), consistency }))
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<TransactionRow>(
        `${transactionSelect} WHERE id = $1 AND partner_id = $2 AND livemode = $3 AND status = 'posted'`,
        [input.id, input.tenant.partnerId, input.tenant.livemode],
      ),
    );
    return rows[0] ? renderTransaction(rows[0]) : null;
  });

const list = t.procedure
  .input(
    z.object({
      tenant: tenantSchema,
      ...listInput,
      cardId: z.string().optional(),
      cardholderId: z.string().optional(),
      authorizationId: z.string().optional(),
      type: z.string().optional(),
    }),
  )
  .query(async ({ ctx, input }) => {
    await readYourWrite(ctx.pool, input.tenant, input.consistency);
    const { rows } = await readAs(ctx.pool, { tenant: input.tenant }, (db) =>
      db.query<TransactionRow>(
        `${transactionSelect}
         WHERE partner_id = $1 AND livemode = $2 AND status = 'posted' AND ($3::text IS NULL OR id < $3)
           AND ($4::text IS NULL OR card_id = $4) AND ($5::text IS NULL OR cardholder_id = $5)
           AND ($6::text IS NULL OR authorization_id = $6) AND ($7::text IS NULL OR type = $7)
           AND ($8::timestamptz IS NULL OR created_at >= $8) AND ($9::timestamptz IS NULL OR created_at < $9)
         ORDER BY id DESC LIMIT $10`,
        [
          input.tenant.partnerId,
          input.tenant.livemode,
          input.startingAfter ?? null,
          input.cardId ?? null,
          input.cardholderId ?? null,
          input.authorizationId ?? null,
          input.type ?? null,
          input.createdGte ?? null,
          input.createdLt ?? null,
          input.limit + 1,
        ],
      ),
    );
    return page(rows, input.limit, renderTransaction);
  });

export const transactions = t.router({ get, list });
