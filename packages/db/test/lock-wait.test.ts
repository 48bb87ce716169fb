import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockWait, transaction } from "../src/index.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  await db.pool.query("CREATE TABLE rows (id int PRIMARY KEY)");
  await db.pool.query("INSERT INTO rows VALUES (1), (2)");
});
afterAll(async () => {
  await db?.drop();
});

describe("lockWait", () => {
  it("lets the first lock of a kind in a transaction wait, and makes later ones fail at once", async () => {
    await transaction(db.pool, async (tx) => {
      expect(await lockWait(tx, "row")).toBe("");
      expect(await lockWait(tx, "row")).toBe(" NOWAIT");
      expect(await lockWait(tx, "other")).toBe("");
    });
    // A new transaction starts over.
    await transaction(db.pool, async (tx) => expect(await lockWait(tx, "row")).toBe(""));
  });

  it("turns the second lock of a batch into an immediate failure instead of a deadlock wait", async () => {
    const holder = await db.pool.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM rows WHERE id = 2 FOR UPDATE");
      const started = Date.now();
      await expect(
        transaction(db.pool, async (tx) => {
          await tx.query(`SELECT 1 FROM rows WHERE id = 1 FOR UPDATE${await lockWait(tx, "row")}`);
          await tx.query(`SELECT 1 FROM rows WHERE id = 2 FOR UPDATE${await lockWait(tx, "row")}`);
        }),
      ).rejects.toMatchObject({ code: "55P03" });
      expect(Date.now() - started).toBeLessThan(500);
    } finally {
      await holder.query("ROLLBACK");
      holder.release();
    }
  });
});
