import { createPartnerWithKey } from "@koban/cli/partners";
import { formatClearingFile, generateClearingRecords, sendClearingFile } from "@koban/network";
import { type AppProcess, eventually, type Stack, spawnApp, startStack } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, individual } from "./client.ts";
import { expectLedgerInvariants } from "./ledger-invariants.ts";

/**
 * The clearing saga when things break: the ledger's worker down while a file arrives, and killed
 * with postings in flight. Every record is posted once, whatever happened.
 */
let stack: Stack;
let api: ReturnType<typeof apiClient>;
const accountWorkers: AppProcess[] = [];

beforeAll(async () => {
  // The main worker hosts every context but account; account runs in workers this test starts and kills.
  stack = await startStack({
    workerEnv: { WORKER_CONTEXTS: "partner,cardholder,card,funding,processing,clearing,query" },
  });
  const partner = await createPartnerWithKey(stack.db.pool, "Clearing Faults KK");
  api = apiClient(stack.apiUrls[0] as string, partner.api_key);
});

afterAll(async () => {
  await Promise.all(accountWorkers.map((worker) => worker.stop()));
  await stack?.stop();
});

async function startAccountWorker(): Promise<AppProcess> {
  const worker = spawnApp("worker", {
    ...stack.env,
    KOBAN_SERVICE: "worker",
    WORKER_RELAY: "false",
    WORKER_CONTEXTS: "account",
  });
  accountWorkers.push(worker);
  await worker.waitForLog((line) => line.msg === "ready");
  return worker;
}

const counts = async (ids: string[]) => {
  const { rows } = await stack.db.pool.query<{ status: string; n: number }>(
    "SELECT status, count(*)::int AS n FROM clearing.transactions WHERE id = ANY($1) GROUP BY status",
    [ids],
  );
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
};

describe("clearing when the ledger's worker fails", () => {
  it("takes the file while account is down, and posts each record once after it was killed mid-run", async () => {
    let worker = await startAccountWorker();
    await eventually(async () => expect((await api("GET", "/v1/accounts")).body.data).toHaveLength(1));
    await api("POST", "/v1/simulate/deposits", { body: { amount: 10_000_000 } });
    const holder = await api("POST", "/v1/cardholders", { body: { ...individual("Rin"), kyc: { method: "partner" } } });
    await eventually(async () =>
      expect(
        (await api("POST", "/v1/transfers", { body: { type: "load", cardholder_id: holder.body.id, amount: 500_000 } }))
          .status,
      ).toBe(201),
    );
    const card = await api("POST", "/v1/cards", { body: { cardholder_id: holder.body.id, type: "virtual" } });
    const pan = (await api("GET", `/v1/cards/${card.body.id}/details`)).body.number as string;
    await eventually(async () => {
      const { rowCount } = await stack.db.pool.query("SELECT 1 FROM clearing.cards WHERE id = $1", [card.body.id]);
      expect(rowCount).toBe(1);
    });

    // Account is down: the network's file is still taken, its records wait, cleared.
    await worker.stop();
    const records = generateClearingRecords({ cards: [{ pan }], records: 300, amounts: { min: 100, max: 900 } });
    const receipt = await sendClearingFile(stack.gatewayUrl, formatClearingFile(records));
    expect([receipt.accepted, receipt.failed]).toEqual([300, 0]);
    const ids = receipt.lines.map((line) => line.transaction_id);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await counts(ids)).toEqual({ cleared: 300 });

    // Account comes back and is SIGKILLed while it posts; another takes over.
    worker = await startAccountWorker();
    await eventually(async () => expect((await counts(ids)).posted ?? 0).toBeGreaterThan(0), 30_000);
    await worker.kill();
    expect((await counts(ids)).cleared ?? 0, "some still in flight when killed").toBeGreaterThan(0);
    await startAccountWorker();
    await eventually(async () => expect(await counts(ids)).toEqual({ posted: 300 }), 60_000);

    // Once each: one posting and one transfer per record, and the balance moved by the file's sum exactly.
    const { rows } = await stack.db.pool.query(
      `SELECT (SELECT count(*)::int FROM account.clearing_postings WHERE transaction_id = ANY($1)) AS postings,
              (SELECT count(*)::int FROM account.transfers WHERE metadata->>'transaction_id' = ANY($1)) AS transfers`,
      [ids],
    );
    expect(rows[0]).toEqual({ postings: 300, transfers: 300 });
    const net = records.reduce((sum, r) => sum + (r.kind === "refund" ? r.amount : -r.amount), 0);
    const { rows: balance } = await stack.db.pool.query(
      "SELECT credits_posted - debits_posted AS posted FROM account.accounts WHERE owner_id = $1",
      [holder.body.id],
    );
    expect(balance[0].posted).toBe(500_000 + net);
    await expectLedgerInvariants(stack.db.pool);
  }, 300_000);
});
