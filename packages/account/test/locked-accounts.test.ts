import "./fixtures/quiet-logs.ts";
import { DomainError, type Tenant } from "@koban/contracts";
import { createPool, type Pool, type Queryable, transaction } from "@koban/db";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectLedgerInvariants, fundedProgram, loadCardholder, newTenant, store } from "./fixtures/ledger.ts";

/**
 * Within one transaction (a batch of messages), a locked account is read from memory and written
 * once with COMMIT. What must hold: later statements of the transaction see every change, other
 * connections see none until COMMIT and all of them after, a rolled-back savepoint takes its
 * changes back, and a rolled-back transaction writes nothing.
 */
let db: TestDatabase;
let pool: Pool;
const now = new Date();

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.url, { max: 4, name: "koban-locked-accounts-test" });
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

const funded = (amount: number) => fundedProgram(pool, amount, now);
const load = (db: Queryable, tenant: Tenant, programId: string, cardholderId: string, amount: number) =>
  loadCardholder(db, tenant, programId, cardholderId, amount, now);

const funding = (db: Queryable, tenant: Tenant, programId: string) =>
  store.findAccount(db, tenant, { kind: "program_funding", ownerId: programId, currency: "JPY" });

const postedOf = async (db: Queryable, tenant: Tenant, programId: string) => {
  const account = await funding(db, tenant, programId);
  return account ? account.creditsPosted - account.debitsPosted : undefined;
};

describe("accounts locked by a transaction", () => {
  it("are seen changed by the transaction at once and by others only after COMMIT, written once", async () => {
    const { tenant, programId } = await funded(10_000);
    await transaction(pool, async (tx) => {
      await load(tx, tenant, programId, "ch_a", 1_000);
      await load(tx, tenant, programId, "ch_b", 2_000);
      await load(tx, tenant, programId, "ch_a", 500);
      expect(await postedOf(tx, tenant, programId)).toBe(6_500);
      // Another connection: the row as it was (and not locked out of reading it).
      expect(await postedOf(pool, tenant, programId)).toBe(10_000);
    });
    expect(await postedOf(pool, tenant, programId)).toBe(6_500);
    const a = await store.findAccount(pool, tenant, { kind: "cardholder_prepaid", ownerId: "ch_a", currency: "JPY" });
    expect(a && a.creditsPosted - a.debitsPosted).toBe(1_500);
    // Each transfer still advanced the sequence the query side orders balances by.
    const account = await funding(pool, tenant, programId);
    expect(account?.sequence).toBe(4);
    await expectLedgerInvariants(pool, tenant);
  });

  it("lose what a rolled-back savepoint did, and keep what came before and after it", async () => {
    const { tenant, programId } = await funded(10_000);
    await transaction(pool, async (tx) => {
      await load(tx, tenant, programId, "ch_a", 1_000);
      await expect(
        store.savepoint(tx, "test_step", async () => {
          await load(tx, tenant, programId, "ch_b", 2_000);
          expect(await postedOf(tx, tenant, programId)).toBe(7_000);
          throw new DomainError("test_refusal", "refused after moving money");
        }),
      ).rejects.toThrow("refused after moving money");
      expect(await postedOf(tx, tenant, programId)).toBe(9_000);
      expect(
        await store.findAccount(tx, tenant, { kind: "cardholder_prepaid", ownerId: "ch_b", currency: "JPY" }),
      ).toBeUndefined();
      // Over what is left, not over what the savepoint took.
      await expect(load(tx, tenant, programId, "ch_c", 9_500)).rejects.toMatchObject({ code: "insufficient_funds" });
      await load(tx, tenant, programId, "ch_c", 9_000);
    });
    expect(await postedOf(pool, tenant, programId)).toBe(0);
    await expectLedgerInvariants(pool, tenant);
  });

  it("write nothing when the transaction rolls back", async () => {
    const { tenant, programId } = await funded(10_000);
    await expect(
      transaction(pool, async (tx) => {
        await load(tx, tenant, programId, "ch_a", 4_000);
        throw new Error("the batch failed");
      }),
    ).rejects.toThrow("the batch failed");
    expect(await postedOf(pool, tenant, programId)).toBe(10_000);
    await expectLedgerInvariants(pool, tenant);
  });

  it("are another tenant's only under that tenant", async () => {
    const first = await funded(10_000);
    const other = newTenant();
    await transaction(pool, async (tx) => {
      await load(tx, first.tenant, first.programId, "ch_a", 1_000);
      const id = (await funding(tx, first.tenant, first.programId))?.id as string;
      expect((await store.lockAccounts(tx, other, [id])).size).toBe(0);
      expect(await funding(tx, other, first.programId)).toBeUndefined();
    });
  });

  it("stay right when saved beside an account this transaction did not lock", async () => {
    const { tenant, programId } = await funded(10_000);
    await load(pool, tenant, programId, "ch_a", 1_000);
    await transaction(pool, async (tx) => {
      const held = await funding(tx, tenant, programId);
      const id = held?.id as string;
      const locked = (await store.lockAccounts(tx, tenant, [id])).get(id);
      const other = await store.findAccount(tx, tenant, {
        kind: "cardholder_prepaid",
        ownerId: "ch_a",
        currency: "JPY",
      });
      if (!locked || !other) throw new Error("accounts missing");
      // A move written by hand (no transfer behind it: this tenant's ledger is not checked after).
      await store.saveAccounts(tx, [
        { ...locked, debitsPosted: locked.debitsPosted + 100, sequence: locked.sequence + 1 },
        { ...other, creditsPosted: other.creditsPosted + 100, sequence: other.sequence + 1 },
      ]);
      expect(await postedOf(tx, tenant, programId)).toBe(8_900);
    });
    expect(await postedOf(pool, tenant, programId)).toBe(8_900);
  });
});
