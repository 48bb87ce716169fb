import type { Queryable } from "@koban/db";
import { expect } from "vitest";

/**
 * The ledger's invariants, read from account's tables (a test may look anywhere): debits equal
 * credits per tenant and currency, posted and pending; each balance's pending sums are exactly
 * its live holds; a balance that must not go below zero has done so only through a forced
 * transfer, and then only for a clearing force post.
 */
export async function expectLedgerInvariants(db: Queryable): Promise<void> {
  const unbalanced = await db.query(
    `SELECT partner_id, livemode, currency FROM account.accounts GROUP BY partner_id, livemode, currency
     HAVING sum(debits_posted) <> sum(credits_posted) OR sum(debits_pending) <> sum(credits_pending)`,
  );
  expect(unbalanced.rows, "debits = credits per tenant and currency").toEqual([]);

  const pendingOff = await db.query(
    `SELECT a.id FROM account.accounts a
     LEFT JOIN (SELECT t.debit_account_id AS id, sum(h.amount) AS held FROM account.holds h
                JOIN account.transfers t ON t.id = h.id WHERE h.status = 'pending' GROUP BY 1) d ON d.id = a.id
     LEFT JOIN (SELECT t.credit_account_id AS id, sum(h.amount) AS held FROM account.holds h
                JOIN account.transfers t ON t.id = h.id WHERE h.status = 'pending' GROUP BY 1) c ON c.id = a.id
     WHERE a.debits_pending <> coalesce(d.held, 0) OR a.credits_pending <> coalesce(c.held, 0)`,
  );
  expect(pendingOff.rows, "pending sums are the live holds").toEqual([]);

  const overdrawn = await db.query(
    `SELECT a.id, a.kind FROM account.accounts a
     WHERE a.debits_must_not_exceed_credits AND a.debits_pending + a.debits_posted > a.credits_posted
       AND NOT EXISTS (SELECT 1 FROM account.transfers t WHERE t.debit_account_id = a.id AND t.forced
                       AND t.code IN ('force_post', 'presentment_excess'))`,
  );
  expect(overdrawn.rows, "below zero only through a clearing force post").toEqual([]);
}
