import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockWait, runAtCommit, transaction, transactionState } from "../src/index.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  await db.pool.query("CREATE TABLE items (id int PRIMARY KEY, name text)");
});
afterAll(async () => {
  await db?.drop();
});

describe("fewer round trips, same transactions", () => {
  it("prepares a parameterized statement once per connection and answers it as before", async () => {
    const client = await db.pool.connect();
    try {
      await client.query("INSERT INTO items VALUES ($1, $2)", [1, "one"]);
      await client.query({ text: "INSERT INTO items VALUES ($1, $2)", values: [2, "two"] });
      const { rows } = await client.query("SELECT name FROM items WHERE id = $1", [2]);
      expect(rows).toEqual([{ name: "two" }]);
      const prepared = await client.query<{ statement: string }>("SELECT statement FROM pg_prepared_statements");
      expect(prepared.rows.map((row) => row.statement).sort()).toEqual([
        "INSERT INTO items VALUES ($1, $2)",
        "SELECT name FROM items WHERE id = $1",
      ]);
    } finally {
      client.release();
    }
  });

  it("sends a statement with BEGIN in one round trip, commits with it, and rolls back when it fails", async () => {
    const inserted = await transaction(db.pool, async (_tx, first) => first?.rowCount, {
      withBegin: "INSERT INTO items VALUES (10, 'ten')",
    });
    expect(inserted).toBe(1);
    await expect(
      transaction(db.pool, async () => "never", { withBegin: "INSERT INTO items VALUES (10, 'again')" }),
    ).rejects.toMatchObject({ code: "23505" });
    await expect(
      transaction(
        db.pool,
        async () => {
          throw new Error("handler failed");
        },
        { withBegin: "INSERT INTO items VALUES (11, 'eleven')" },
      ),
    ).rejects.toThrow("handler failed");
    const { rows } = await db.pool.query("SELECT id FROM items WHERE id >= 10 ORDER BY id");
    expect(rows).toEqual([{ id: 10 }]);
    // The connections went back to the pool usable, outside any transaction.
    const { rows: status } = await db.pool.query("SELECT now() = statement_timestamp() AS outside");
    expect(status[0].outside).toBe(true);
  });

  it("keeps lockWait's note for a transaction begun by hand in Postgres, and for the helper's in memory", async () => {
    const client = await db.pool.connect();
    try {
      await client.query("BEGIN");
      expect(await lockWait(client, "row")).toBe("");
      expect(await lockWait(client, "row")).toBe(" NOWAIT");
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    await transaction(db.pool, async (tx) => {
      expect(await lockWait(tx, "row")).toBe("");
      expect(await lockWait(tx, "row")).toBe(" NOWAIT");
    });
    // The note ends with its transaction, even on the same connection.
    await transaction(db.pool, async (tx) => expect(await lockWait(tx, "row")).toBe(""));
  });

  it("runs a statement with COMMIT: written if the transaction commits, nothing written if it fails", async () => {
    await transaction(db.pool, async (tx) => {
      await tx.query("INSERT INTO items VALUES ($1, $2)", [20, "twenty"]);
      expect(runAtCommit(tx, "INSERT INTO items VALUES (21, 'twenty-one')")).toBe(true);
      // Not run yet: it goes with COMMIT.
      expect((await tx.query("SELECT id FROM items WHERE id = 21")).rows).toEqual([]);
    });
    await expect(
      transaction(db.pool, async (tx) => {
        await tx.query("INSERT INTO items VALUES ($1, $2)", [22, "twenty-two"]);
        runAtCommit(tx, "INSERT INTO items VALUES (20, 'a duplicate')");
      }),
    ).rejects.toMatchObject({ code: "23505" });
    const { rows } = await db.pool.query("SELECT id FROM items WHERE id BETWEEN 20 AND 29 ORDER BY id");
    expect(rows).toEqual([{ id: 20 }, { id: 21 }]);
    // Outside a transaction begun by the helpers, the caller is told to run it itself.
    expect(runAtCommit(db.pool, "SELECT 1")).toBe(false);
  });

  it("asks a function for its statement at COMMIT, with what the transaction knows by then", async () => {
    await transaction(db.pool, async (tx) => {
      const ids: number[] = [];
      runAtCommit(tx, () =>
        ids.length ? `INSERT INTO items SELECT unnest('{${ids.join(",")}}'::int[]), 'late'` : undefined,
      );
      ids.push(30, 31);
    });
    // Nothing to say: no statement, the transaction still commits.
    await transaction(db.pool, async (tx) => {
      runAtCommit(tx, () => undefined);
      await tx.query("INSERT INTO items VALUES (32, 'alone')");
    });
    const { rows } = await db.pool.query("SELECT id, name FROM items WHERE id BETWEEN 30 AND 39 ORDER BY id");
    expect(rows).toEqual([
      { id: 30, name: "late" },
      { id: 31, name: "late" },
      { id: 32, name: "alone" },
    ]);
  });

  it("keeps state for one transaction only, even on the same connection", async () => {
    const key = Symbol("test");
    const seen: number[][] = [];
    for (let i = 0; i < 2; i++) {
      await transaction(db.pool, async (tx) => {
        const state = transactionState(tx, key, () => [] as number[]);
        state?.push(i);
        transactionState(tx, key, () => [] as number[])?.push(i * 10);
        seen.push([...(state ?? [])]);
      });
    }
    expect(seen).toEqual([
      [0, 0],
      [1, 10],
    ]);
    expect(transactionState(db.pool, key, () => [])).toBeUndefined();
  });
});
