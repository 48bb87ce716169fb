import { ClearingPosted, ClearingPostingRefused, TransactionCleared } from "@koban/contracts";
import { type EventRegistration, onEvent } from "@koban/messaging";
import { advance } from "./advance.ts";

export const transactionProjections: EventRegistration[] = [
  onEvent(TransactionCleared, async (event, { tx }) => {
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
  }),
  onEvent(ClearingPosted, async (event, { tx }) => {
    if (!(await advance(tx, event)) || !event.tenant) return;
    const p = event.payload;
    // account's part may come before clearing's record reaches the read side: wait for it (retried).
    const { rows } = await tx.query<{ sequence: number; count: number }>(
      "SELECT sequence, count FROM query.transactions WHERE id = $1",
      [p.transaction_id],
    );
    const cleared = rows[0];
    if (!cleared) throw new Error(`transaction ${p.transaction_id} is not in the read model yet`);
    await tx.query(
      `UPDATE query.transactions SET status = 'posted', type = $2, posting = $3, posted_at = $4 WHERE id = $1`,
      [
        p.transaction_id,
        p.type,
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
    const b = p.balance;
    await tx.query(
      `INSERT INTO query.accounts AS a (id, partner_id, livemode, kind, currency, sequence, posted, pending, available)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET sequence = excluded.sequence, posted = excluded.posted,
         pending = excluded.pending, available = excluded.available
       WHERE a.sequence < excluded.sequence`,
      [
        b.account_id,
        event.tenant.partnerId,
        event.tenant.livemode,
        b.kind,
        p.currency,
        b.sequence,
        b.posted,
        b.pending,
        b.available,
      ],
    );
    // Its last presentment closes the authorization: nothing more will clear on it.
    if (p.authorization_id && p.type !== "refund" && cleared.sequence === cleared.count) {
      await tx.query("UPDATE query.authorizations SET status = 'closed' WHERE id = $1 AND status = 'pending'", [
        p.authorization_id,
      ]);
    }
  }),
  onEvent(ClearingPostingRefused, async (event, { tx }) => {
    if (!(await advance(tx, event))) return;
    await tx.query("UPDATE query.transactions SET status = 'refused', refusal = $2 WHERE id = $1", [
      event.payload.transaction_id,
      `${event.payload.code}: ${event.payload.message}`,
    ]);
  }),
];
