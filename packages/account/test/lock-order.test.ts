import "./fixtures/quiet-logs.ts";
import { newId } from "@koban/contracts";
import { createPool, type Pool } from "@koban/db";
import { createTestDatabase, eventually, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openAccount } from "../src/application/operations.ts";
import { fundedProgram, loadCardholder, perform, store } from "./fixtures/ledger.ts";

/**
 * Every transaction locks accounts in one order, the tenant's ownerless accounts (network
 * settlement, revenue) first: a clearing posting takes the settlement account, then the card's
 * balance; a hold takes both in one statement. By id alone, a balance opened before the
 * settlement account was locked first by the hold, and the two waited on each other until
 * Postgres killed one (a second later: every authorization then missed its deadline while a
 * clearing file posted).
 */
let db: TestDatabase;
let pool: Pool;
const now = new Date();

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.url, { max: 4, name: "koban-lock-order-test" });
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

it("a hold and a posting on one balance never wait on each other in a circle", async () => {
  const { tenant, programId } = await fundedProgram(pool, 10_000, now);
  const cardholder = newId("ch");
  await perform(pool, (tx) => loadCardholder(tx, tenant, programId, cardholder, 5_000, now));
  const balance = await store.findAccount(pool, tenant, {
    kind: "cardholder_prepaid",
    ownerId: cardholder,
    currency: "JPY",
  });
  // Opened after the balance, as on a tenant whose first authorization came after its first load.
  const settlement = await perform(pool, (tx, emit) =>
    openAccount(store, tx, tenant, { kind: "network_settlement", ownerId: null, currency: "JPY" }, emit, now),
  );
  if (!balance) throw new Error("no balance");
  expect(balance.id < settlement.id).toBe(true);

  const posting = await pool.connect();
  const hold = await pool.connect();
  try {
    const holdPid = (await hold.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid;
    await posting.query("BEGIN");
    await hold.query("BEGIN");
    // The posting takes the settlement account first.
    await store.lockAccounts(posting, tenant, [settlement.id]);
    // The hold asks for both, and waits.
    const holdLocked = store.lockAccounts(hold, tenant, [balance.id, settlement.id]);
    holdLocked.catch(() => {}); // Awaited below; a deadlock fails the test there.
    await eventually(async () => {
      const { rows } = await pool.query("SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1", [holdPid]);
      expect(rows[0]?.wait_event_type).toBe("Lock");
    }, 5_000);
    // The posting then takes the balance: free, since the waiting hold holds nothing yet.
    const locked = await store.lockAccounts(posting, tenant, [balance.id]);
    expect([...locked.keys()]).toEqual([balance.id]);
    await posting.query("COMMIT");
    expect([...(await holdLocked).keys()].sort()).toEqual([balance.id, settlement.id].sort());
    await hold.query("COMMIT");
  } finally {
    await posting.query("ROLLBACK").catch(() => {});
    await hold.query("ROLLBACK").catch(() => {});
    posting.release();
    hold.release();
  }
});
