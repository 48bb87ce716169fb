import type { Queryable } from "@koban/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { readAs } from "./access.ts";
import { depositDue, endOfBaseDate, isBaseDate } from "./payment-services-act.ts";
import { t } from "./procedure.ts";

/**
 * Accounting staff's reports across partners, in one mode at a time (test data never meets live
 * figures): read through the staff row-level policy, never around it. Each is a function of a
 * connection (for the CLI) and a procedure (for the console).
 */

/** Settlement totals by day and currency, summed across partners. */
export async function settlementTotalsByDay(
  db: Queryable,
  livemode: boolean,
  range: { from?: string; to?: string } = {},
) {
  const { rows } = await db.query<{
    date: string;
    currency: string;
    settlements: number;
    transactions: number;
    purchases: string;
    refunds: string;
    force_posts: string;
    interchange: string;
    shortfall: string;
    net_amount: string;
    unposted: number;
  }>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, currency, count(*)::int AS settlements,
            sum(transaction_count)::int AS transactions,
            sum((totals->'purchases'->>'amount')::bigint) AS purchases,
            sum((totals->'refunds'->>'amount')::bigint) AS refunds,
            sum((totals->'force_posts'->>'amount')::bigint) AS force_posts,
            sum((totals->'fees'->>'amount')::bigint) AS interchange,
            sum((totals->>'shortfall')::bigint) AS shortfall, sum(net_amount) AS net_amount,
            count(*) FILTER (WHERE status <> 'posted')::int AS unposted
     FROM query.settlements
     WHERE livemode = $3 AND ($1::date IS NULL OR date >= $1::date) AND ($2::date IS NULL OR date <= $2::date)
     GROUP BY date, currency ORDER BY date DESC, currency`,
    [range.from ?? null, range.to ?? null, livemode],
  );
  return rows.map((row) => ({
    ...row,
    purchases: Number(row.purchases),
    refunds: Number(row.refunds),
    force_posts: Number(row.force_posts),
    interchange: Number(row.interchange),
    shortfall: Number(row.shortfall),
    net_amount: Number(row.net_amount),
  }));
}

/** Each partner's ledger balances by kind of account and currency (posted and held), and what it owes. */
export async function partnerLedgerBalances(db: Queryable, livemode: boolean) {
  const { rows } = await db.query<{
    partner_id: string;
    partner_name: string | null;
    kind: string;
    currency: string;
    accounts: number;
    posted: string;
    pending: string;
    owed: string;
  }>(
    `SELECT a.partner_id, p.name AS partner_name, a.kind, a.currency, count(*)::int AS accounts,
            sum(a.posted) AS posted, sum(a.pending) AS pending,
            sum(CASE WHEN a.kind IN ('cardholder_prepaid', 'program_funding') THEN greatest(-a.posted, 0) ELSE 0 END)
              AS owed
     FROM query.accounts a LEFT JOIN query.partners p ON p.id = a.partner_id
     WHERE a.livemode = $1
     GROUP BY a.partner_id, p.name, a.kind, a.currency ORDER BY a.partner_id, a.currency, a.kind`,
    [livemode],
  );
  return rows.map((row) => ({
    ...row,
    posted: Number(row.posted),
    pending: Number(row.pending),
    /** Balances force posts took below zero: owed by the partner. */
    owed: Number(row.owed),
  }));
}

export type Discrepancy =
  | { kind: "record_not_posted"; partner_id: string; transaction_id: string; amount: number; refusal: string | null }
  | { kind: "posting_without_record"; partner_id: string; transaction_id: string; amount: number }
  | { kind: "amount_mismatch"; partner_id: string; transaction_id: string; record: number; posting: number }
  | { kind: "posted_not_settled"; partner_id: string; transaction_id: string; amount: number; posted_at: string }
  | {
      kind: "settlement_mismatch" | "settlement_not_posted";
      partner_id: string;
      settlement_id: string;
      settlement: number;
      counted: number | null;
    };

/**
 * Every difference between the network's clearing records, the ledger's postings of them and the
 * settlements: a record account did not post (or refused), a posting with no record, amounts
 * that differ, a posting past its day left out of every settlement, a settlement whose totals are
 * not its transactions' or that the ledger has not posted at its amount. Empty after a clean run.
 * `settledThrough`: the last day settled (postings after it are not expected in a settlement).
 */
export async function reconciliation(db: Queryable, livemode: boolean, options: { settledThrough?: string } = {}) {
  const found: Discrepancy[] = [];
  const records = await db.query<{
    id: string;
    partner_id: string;
    status: string;
    amount: string;
    refusal: string | null;
    posting_amount: string | null;
  }>(
    `SELECT t.id, t.partner_id, t.status, t.amount, t.refusal, p.amount AS posting_amount
     FROM query.transactions t LEFT JOIN query.clearing_postings p ON p.transaction_id = t.id
     WHERE t.livemode = $1 AND (t.status <> 'posted' OR p.status IS DISTINCT FROM 'posted' OR p.amount <> t.amount)
     ORDER BY t.id`,
    [livemode],
  );
  for (const row of records.rows) {
    if (row.status !== "posted" || row.posting_amount === null) {
      found.push({
        kind: "record_not_posted",
        partner_id: row.partner_id,
        transaction_id: row.id,
        amount: Number(row.amount),
        refusal: row.refusal,
      });
    } else {
      found.push({
        kind: "amount_mismatch",
        partner_id: row.partner_id,
        transaction_id: row.id,
        record: Number(row.amount),
        posting: Number(row.posting_amount),
      });
    }
  }
  const orphans = await db.query<{ transaction_id: string; partner_id: string; amount: string }>(
    `SELECT p.transaction_id, p.partner_id, p.amount FROM query.clearing_postings p
     WHERE p.livemode = $1 AND NOT EXISTS (SELECT 1 FROM query.transactions t WHERE t.id = p.transaction_id)
     ORDER BY p.transaction_id`,
    [livemode],
  );
  for (const row of orphans.rows) {
    found.push({
      kind: "posting_without_record",
      partner_id: row.partner_id,
      transaction_id: row.transaction_id,
      amount: Number(row.amount),
    });
  }
  if (options.settledThrough) {
    const unsettled = await db.query<{ id: string; partner_id: string; amount: string; posted_at: Date }>(
      `SELECT t.id, t.partner_id, t.amount, t.posted_at FROM query.transactions t
       JOIN query.programs g ON g.id = t.program_id
       WHERE t.livemode = $2 AND t.status = 'posted' AND t.settlement_id IS NULL
         AND (t.posted_at AT TIME ZONE g.timezone)::date <= $1::date ORDER BY t.id`,
      [options.settledThrough, livemode],
    );
    for (const row of unsettled.rows) {
      found.push({
        kind: "posted_not_settled",
        partner_id: row.partner_id,
        transaction_id: row.id,
        amount: Number(row.amount),
        posted_at: row.posted_at.toISOString(),
      });
    }
  }
  const settlements = await db.query<{
    id: string;
    partner_id: string;
    net_amount: string;
    status: string;
    ledger_net_amount: string | null;
    transaction_count: number;
    counted: number;
    counted_net: string | null;
  }>(
    `SELECT s.id, s.partner_id, s.net_amount, s.status, s.ledger_net_amount, s.transaction_count,
            count(t.id)::int AS counted,
            sum(CASE t.type WHEN 'refund' THEN -t.amount ELSE t.amount END - t.fee) AS counted_net
     FROM query.settlements s LEFT JOIN query.transactions t ON t.settlement_id = s.id
     WHERE s.livemode = $1
     GROUP BY s.id ORDER BY s.id`,
    [livemode],
  );
  for (const row of settlements.rows) {
    const net = Number(row.net_amount);
    if (row.counted !== row.transaction_count || Number(row.counted_net ?? 0) !== net) {
      found.push({
        kind: "settlement_mismatch",
        partner_id: row.partner_id,
        settlement_id: row.id,
        settlement: net,
        counted: Number(row.counted_net ?? 0),
      });
    }
    if (row.status !== "posted" || Number(row.ledger_net_amount) !== net) {
      found.push({
        kind: "settlement_not_posted",
        partner_id: row.partner_id,
        settlement_id: row.id,
        settlement: net,
        counted: row.ledger_net_amount === null ? null : Number(row.ledger_net_amount),
      });
    }
  }
  return found;
}

/**
 * The unused prepaid balance of each partner's cardholders as of a moment, from the balances the
 * ledger reported up to then (not today's): a balance below zero (a force post's shortfall) counts
 * as nothing unused.
 */
export async function prepaidBalancesAsOf(db: Queryable, livemode: boolean, moment: Date) {
  const { rows } = await db.query<{
    partner_id: string;
    partner_name: string | null;
    currency: string;
    unused: string;
  }>(
    `SELECT b.partner_id, p.name AS partner_name, b.currency, sum(greatest(b.posted, 0)) AS unused
     FROM (SELECT DISTINCT ON (account_id) account_id, partner_id, currency, posted FROM query.balance_history
           WHERE livemode = $2 AND kind = 'cardholder_prepaid' AND at <= $1 ORDER BY account_id, sequence DESC) b
     LEFT JOIN query.partners p ON p.id = b.partner_id
     GROUP BY b.partner_id, p.name, b.currency ORDER BY b.partner_id, b.currency`,
    [moment, livemode],
  );
  return rows.map((row) => ({ ...row, unused: Number(row.unused) }));
}

/** Each partner's unused live yen prepaid balance at a moment, and the security deposit it calls for. */
export async function prepaidDepositsAsOf(db: Queryable, asOf: Date) {
  const balances = (await prepaidBalancesAsOf(db, true, asOf)).filter((row) => row.currency === "JPY");
  return balances.map((row) => ({
    partner_id: row.partner_id,
    partner_name: row.partner_name,
    unused_balance: row.unused,
    deposit_due: depositDue(row.unused),
  }));
}

/** The Payment Services Act report for a base date: live mode only (whoever asks), as of the end of that day in JST. */
export async function paymentServicesActReport(db: Queryable, baseDate: string) {
  const asOf = endOfBaseDate(baseDate);
  return { base_date: baseDate, as_of: asOf.toISOString(), partners: await prepaidDepositsAsOf(db, asOf) };
}

const staff = z.object({ livemode: z.boolean() });
/**
 * Staff reads: the caller (the console's backend, the CLI) has authenticated a member of Koban's
 * staff; the read then runs under the staff row-level policy, in the mode it names.
 */
const staffProcedure = t.procedure;

export const staffReports = t.router({
  settlementTotals: staffProcedure
    .input(z.object({ staff, from: z.iso.date().optional(), to: z.iso.date().optional() }))
    .query(({ ctx, input }) =>
      readAs(ctx.pool, { staff: input.staff }, (db) =>
        settlementTotalsByDay(db, input.staff.livemode, {
          ...(input.from ? { from: input.from } : {}),
          ...(input.to ? { to: input.to } : {}),
        }),
      ),
    ),
  ledgerBalances: staffProcedure
    .input(z.object({ staff }))
    .query(({ ctx, input }) =>
      readAs(ctx.pool, { staff: input.staff }, (db) => partnerLedgerBalances(db, input.staff.livemode)),
    ),
  reconciliation: staffProcedure
    .input(z.object({ staff, settledThrough: z.iso.date().optional() }))
    .query(({ ctx, input }) =>
      readAs(ctx.pool, { staff: input.staff }, (db) =>
        reconciliation(db, input.staff.livemode, input.settledThrough ? { settledThrough: input.settledThrough } : {}),
      ),
    ),
  /** Live mode only: test-mode money is never a regulatory figure. */
  paymentServicesAct: staffProcedure.input(z.object({ baseDate: z.string() })).query(({ ctx, input }) => {
    if (!isBaseDate(input.baseDate)) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "baseDate must be YYYY-03-31 or YYYY-09-30" });
    }
    return readAs(ctx.pool, { staff: { livemode: true } }, (db) => paymentServicesActReport(db, input.baseDate));
  }),
});
