import {
  type accountBalance,
  ClearingPosted,
  ClearingPostingRefused,
  type Envelope,
  SettlementCalculated,
  SettlementPosted,
  SettlementTransactionsListed,
  TransactionCleared,
} from "@koban/contracts";
import { type EventRegistration, type HandlerContext, onEvent } from "@koban/messaging";
import type { z } from "zod";
import { renderSettlement, type SettlementRow, settlementSelect } from "../read/settlements.ts";
import { renderTransaction, type TransactionRow, transactionSelect } from "../read/transactions.ts";
import { applyBalance } from "./account-balances.ts";
import { advance } from "./advance.ts";
import { recordPublicEvent } from "./public-events.ts";

type Balance = z.infer<typeof accountBalance>;

/** Rows updated in one order by every event, so a batch of them never deadlocks with another. */
const byAccount = (balances: readonly Balance[]) =>
  [...balances].sort((a, b) => (a.account_id < b.account_id ? -1 : a.account_id > b.account_id ? 1 : 0));

/**
 * Once both the clearing record and account's posting of it are in (they come in either order),
 * the transaction shows what was posted, and is announced (`transaction.created`) by the message
 * that completed it; its authorization's last presentment closes it, and its increments.
 */
async function joinPosting(context: Pick<HandlerContext, "tx" | "emit">, event: Envelope, transactionId: string) {
  const { tx } = context;
  const { rows } = await tx.query<{
    authorization_id: string | null;
    last: boolean;
    type: string | null;
    status: string;
  }>(
    `UPDATE query.transactions t SET status = p.status, type = p.type, posting = p.posting, refusal = p.refusal,
       posted_at = CASE WHEN p.status = 'posted' THEN p.posted_at END
     FROM query.clearing_postings p
     WHERE t.id = $1 AND p.transaction_id = t.id AND t.status = 'cleared'
     RETURNING t.authorization_id, t.sequence = t.count AS last, t.type, t.status`,
    [transactionId],
  );
  const row = rows[0];
  if (row?.authorization_id && row.last && row.type && row.type !== "refund") {
    // Its increments were drawn down with it: closed too.
    await tx.query(
      "UPDATE query.authorizations SET status = 'closed' WHERE (id = $1 OR increment_of = $1) AND status = 'pending'",
      [row.authorization_id],
    );
  }
  if (row?.status === "posted" && event.tenant) {
    const posted = await tx.query<TransactionRow>(`${transactionSelect} WHERE id = $1`, [transactionId]);
    if (posted.rows[0]) await announce(context, event, "transaction.created", renderTransaction(posted.rows[0]));
  }
}

const announce = (
  context: Pick<HandlerContext, "tx" | "emit">,
  event: Envelope,
  type: string,
  object: Parameters<typeof recordPublicEvent>[1]["object"],
) =>
  event.tenant
    ? recordPublicEvent(context, {
        messageId: event.id,
        occurredAt: event.occurredAt,
        type,
        tenant: event.tenant,
        object,
      })
    : Promise.resolve();

/** The settlement as the API renders it now, announced as `type`. */
async function announceSettlement(
  context: Pick<HandlerContext, "tx" | "emit">,
  event: Envelope,
  id: string,
  type: string,
) {
  const { rows } = await context.tx.query<SettlementRow>(`${settlementSelect} WHERE id = $1`, [id]);
  if (rows[0]) await announce(context, event, type, renderSettlement(rows[0]));
}

export const transactionProjections: EventRegistration[] = [
  onEvent(TransactionCleared, async (event, context) => {
    const { tx } = context;
    if (!(await advance(tx, event)) || !event.tenant) return;
    const p = event.payload;
    await tx.query(
      `INSERT INTO query.transactions (id, partner_id, livemode, kind, status, authorization_id, card_id, cardholder_id,
         program_id, amount, currency, merchant, network, sequence, count, fee, settlement_date, created_at)
       VALUES ($1, $2, $3, $4, 'cleared', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT (id) DO NOTHING`,
      [
        p.transaction_id,
        event.tenant.partnerId,
        event.tenant.livemode,
        p.kind,
        p.authorization_id,
        p.card_id,
        p.cardholder_id,
        p.program_id,
        p.amount,
        p.currency,
        JSON.stringify(p.merchant),
        JSON.stringify(p.network),
        p.sequence,
        p.count,
        p.fee,
        p.settlement_date,
        p.cleared_at,
      ],
    );
    await joinPosting(context, event, p.transaction_id);
  }),
  onEvent(ClearingPosted, async (event, context) => {
    const { tx } = context;
    if (!(await advance(tx, event)) || !event.tenant) return;
    const p = event.payload;
    await tx.query(
      `INSERT INTO query.clearing_postings (transaction_id, partner_id, livemode, status, type, authorization_id, amount,
         currency, fee, posting, posted_at)
       VALUES ($1, $2, $3, 'posted', $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
      [
        p.transaction_id,
        event.tenant.partnerId,
        event.tenant.livemode,
        p.type,
        p.authorization_id,
        p.amount,
        p.currency,
        p.fee,
        JSON.stringify({
          from_hold: p.from_hold,
          released: p.released,
          excess: p.excess,
          forced: p.forced,
          shortfall: p.shortfall,
        }),
        p.posted_at,
      ],
    );
    for (const b of byAccount(p.balances)) await applyBalance(tx, event.tenant, p.currency, b, event.occurredAt);
    await joinPosting(context, event, p.transaction_id);
  }),
  onEvent(ClearingPostingRefused, async (event, context) => {
    const { tx } = context;
    if (!(await advance(tx, event)) || !event.tenant) return;
    const p = event.payload;
    await tx.query(
      `INSERT INTO query.clearing_postings (transaction_id, partner_id, livemode, status, refusal, posted_at)
       VALUES ($1, $2, $3, 'refused', $4, $5) ON CONFLICT DO NOTHING`,
      [p.transaction_id, event.tenant.partnerId, event.tenant.livemode, `${p.code}: ${p.message}`, p.refused_at],
    );
    await joinPosting(context, event, p.transaction_id);
  }),
  onEvent(SettlementCalculated, async (event, context) => {
    const { tx } = context;
    if (!(await advance(tx, event)) || !event.tenant) return;
    const p = event.payload;
    const { rowCount } = await tx.query(
      `INSERT INTO query.settlements (id, partner_id, livemode, date, currency, time_zone, totals, net_amount,
         transaction_count, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'calculated', $10) ON CONFLICT DO NOTHING`,
      [
        p.settlement_id,
        event.tenant.partnerId,
        event.tenant.livemode,
        p.date,
        p.currency,
        p.time_zone,
        JSON.stringify(p.totals),
        p.totals.net_amount,
        p.transaction_count,
        p.calculated_at,
      ],
    );
    if (rowCount === 1) await announceSettlement(context, event, p.settlement_id, "settlement.created");
  }),
  onEvent(SettlementTransactionsListed, async (event, { tx }) => {
    if (!(await advance(tx, event))) return;
    await tx.query("UPDATE query.transactions SET settlement_id = $1 WHERE id = ANY($2::text[])", [
      event.payload.settlement_id,
      event.payload.transaction_ids,
    ]);
  }),
  onEvent(SettlementPosted, async (event, context) => {
    const { tx } = context;
    if (!(await advance(tx, event)) || !event.tenant) return;
    const p = event.payload;
    // The settlement's own stream may lag behind account's part of it: retried until its row is in.
    const { rowCount } = await tx.query(
      `UPDATE query.settlements SET status = 'posted', ledger_net_amount = $2, transfer_id = $3, posted_at = $4
       WHERE id = $1`,
      [p.settlement_id, p.net_amount, p.transfer_id, p.posted_at],
    );
    if (rowCount === 0) throw new Error(`settlement ${p.settlement_id} is not in the read model yet`);
    for (const b of byAccount(p.balances)) await applyBalance(tx, event.tenant, p.currency, b, event.occurredAt);
    await announceSettlement(context, event, p.settlement_id, "settlement.posted");
  }),
];
