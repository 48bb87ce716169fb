import { newId } from "@koban/contracts";
import { createPool, type Pool } from "@koban/db";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_QUERY_READER_PASSWORD, QUERY_READER_ROLE, queryReaderUrl, readAs } from "../src/index.ts";

let db: TestDatabase;
let reader: Pool;
const [a, b] = [newId("ptn"), newId("ptn")];

async function cardholder(partnerId: string, livemode: boolean): Promise<string> {
  const id = newId("ch");
  await db.pool.query(
    `INSERT INTO query.cardholders (id, partner_id, livemode, type, status, kyc_status, metadata, created_at, version)
     VALUES ($1, $2, $3, 'individual', 'active', 'pending', '{}', now(), 1)`,
    [id, partnerId, livemode],
  );
  await db.pool.query(
    "INSERT INTO query.stream_versions (stream_id, version, partner_id, livemode) VALUES ($1, 1, $2, $3)",
    [id, partnerId, livemode],
  );
  // A program and a card of the same tenant, named after the cardholder so a test can tell them apart.
  await db.pool.query(
    `INSERT INTO query.programs (id, partner_id, livemode, name, currency, timezone, bin_prefix,
       default_spend_controls, created_at, version)
     VALUES ($1, $2, $3, $4, 'JPY', 'Asia/Tokyo', '42424242', '{}', now(), 1)`,
    [newId("prg"), partnerId, livemode, id],
  );
  await db.pool.query(
    `INSERT INTO query.cards (id, partner_id, livemode, cardholder_id, program_id, type, status, last4, exp_month,
       exp_year, spend_controls, created_at, version)
     VALUES ($1, $2, $3, $4, $5, 'virtual', 'inactive', '4242', 11, 2029, '{}', now(), 1)`,
    [newId("card"), partnerId, livemode, id, newId("prg")],
  );
  return id;
}

const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id).sort();
const cardholdersAs = async (scope: Parameters<typeof readAs>[1]) =>
  ids((await readAs(reader, scope, (q) => q.query("SELECT id FROM query.cardholders"))).rows);
/** The cardholders whose card and program the scope sees: each must be one of the cardholders it sees. */
const cardsAndProgramsAs = async (scope: Parameters<typeof readAs>[1]) =>
  readAs(reader, scope, async (q) => ({
    cards: (await q.query("SELECT cardholder_id FROM query.cards")).rows.map((r) => r.cardholder_id).sort(),
    programs: (await q.query("SELECT name FROM query.programs")).rows.map((r) => r.name).sort(),
  }));

let rows: Record<string, string>;
beforeAll(async () => {
  db = await createTestDatabase();
  reader = createPool(queryReaderUrl(db.url, DEV_QUERY_READER_PASSWORD), { max: 2, name: "rls-test" });
  rows = {
    aTest: await cardholder(a, false),
    aLive: await cardholder(a, true),
    bTest: await cardholder(b, false),
    bLive: await cardholder(b, true),
  };
  for (const [partner, name] of [
    [a, "A"],
    [b, "B"],
  ] as const) {
    await db.pool.query("INSERT INTO query.partners (id, name, created_at) VALUES ($1, $2, now())", [partner, name]);
    await db.pool.query(
      `INSERT INTO query.api_keys (key_hash, api_key_id, partner_id, livemode, redacted_key, scopes, created_at)
       VALUES ($1, $2, $3, false, 'kb_test_…abcd', '{cards:read}', now())`,
      [`hash-${name}`, newId("key"), partner],
    );
  }
});

afterAll(async () => {
  await reader?.end();
  await db?.drop();
});

describe("the query processor's database role", () => {
  it("is neither the tables' owner, a superuser, nor able to bypass row-level security", async () => {
    const { rows: role } = await db.pool.query("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1", [
      QUERY_READER_ROLE,
    ]);
    expect(role).toEqual([{ rolsuper: false, rolbypassrls: false }]);
    const { rows: owned } = await db.pool.query(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'query' AND tableowner = $1",
      [QUERY_READER_ROLE],
    );
    expect(owned).toEqual([]);
    const { rows: session } = await reader.query("SELECT current_user AS role");
    expect(session[0].role).toBe(QUERY_READER_ROLE);
  });

  it("sees nothing on a pooled connection with no scope set, before or after a scoped read", async () => {
    const unscoped = async () =>
      Promise.all(
        ["cardholders", "partners", "api_keys", "stream_versions", "programs", "cards", "events"].map(
          async (table) => (await reader.query(`SELECT count(*)::int AS n FROM query.${table}`)).rows[0].n,
        ),
      );
    expect(await unscoped()).toEqual([0, 0, 0, 0, 0, 0, 0]);
    await cardholdersAs({ tenant: { partnerId: a, livemode: false } });
    expect(await unscoped()).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it("shows a partner only its own rows in the mode of its key", async () => {
    expect(await cardholdersAs({ tenant: { partnerId: a, livemode: false } })).toEqual([rows.aTest]);
    expect(await cardholdersAs({ tenant: { partnerId: a, livemode: true } })).toEqual([rows.aLive]);
    expect(await cardholdersAs({ tenant: { partnerId: b, livemode: false } })).toEqual([rows.bTest]);
    expect(await cardsAndProgramsAs({ tenant: { partnerId: a, livemode: true } })).toEqual({
      cards: [rows.aLive],
      programs: [rows.aLive],
    });
  });

  it("shows staff every partner, one mode at a time", async () => {
    expect(await cardholdersAs({ staff: { livemode: true } })).toEqual([rows.aLive, rows.bLive].sort());
    expect(await cardholdersAs({ staff: { livemode: false } })).toEqual([rows.aTest, rows.bTest].sort());
    const both = [rows.aTest, rows.bTest].sort();
    expect(await cardsAndProgramsAs({ staff: { livemode: false } })).toEqual({ cards: both, programs: both });
  });

  it("finds an API key by its hash alone, and nothing else with it", async () => {
    const found = await readAs(reader, { apiKeyHash: "hash-A" }, async (q) => ({
      keys: (await q.query("SELECT partner_id FROM query.api_keys")).rows,
      cardholders: (await q.query("SELECT id FROM query.cardholders")).rows,
    }));
    expect(found).toEqual({ keys: [{ partner_id: a }], cardholders: [] });
  });

  it("can neither write the read models nor read the context's inbox and outbox", async () => {
    await expect(
      readAs(reader, { tenant: { partnerId: a, livemode: false } }, (q) =>
        q.query("UPDATE query.cardholders SET status = 'closed'"),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(reader.query("SELECT count(*) FROM query.outbox")).rejects.toThrow(/permission denied/);
    await expect(reader.query("SELECT count(*) FROM query.inbox")).rejects.toThrow(/permission denied/);
  });
});
