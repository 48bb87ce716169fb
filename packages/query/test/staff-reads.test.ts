import { newId } from "@koban/contracts";
import { createPool, type Pool } from "@koban/db";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_QUERY_READER_PASSWORD, queryReaderUrl, queryRouter } from "../src/index.ts";

/** The staff's partner list and cardholder search, and a suspended partner's keys, as the reader role sees them. */
let db: TestDatabase;
let reader: Pool;
let query: ReturnType<typeof queryRouter.createCaller>;
const [a, b] = [newId("ptn"), newId("ptn")];
const keyHash = "a".repeat(64);
const cardholders: Record<string, string> = {};

async function cardholder(partnerId: string, livemode: boolean, firstName: string): Promise<string> {
  const id = newId("ch");
  await db.pool.query(
    `INSERT INTO query.cardholders (id, partner_id, livemode, type, status, kyc_status, individual, metadata,
       created_at, version)
     VALUES ($1, $2, $3, 'individual', 'active', 'verified', $4, '{}', now(), 1)`,
    [id, partnerId, livemode, { first_name: firstName, last_name: "Tanaka" }],
  );
  await db.pool.query(
    `INSERT INTO query.cards (id, partner_id, livemode, cardholder_id, program_id, type, status, last4, exp_month,
       exp_year, spend_controls, created_at, version)
     VALUES ($1, $2, $3, $4, $5, 'virtual', 'active', '4242', 11, 2029, '{}', now(), 1)`,
    [newId("card"), partnerId, livemode, id, newId("prg")],
  );
  return id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  reader = createPool(queryReaderUrl(db.url, DEV_QUERY_READER_PASSWORD), { max: 2, name: "staff-reads-test" });
  query = queryRouter.createCaller({ pool: reader });
  for (const [id, name, status] of [
    [a, "Alpha", "active"],
    [b, "Beta", "suspended"],
  ]) {
    await db.pool.query("INSERT INTO query.partners (id, name, created_at, status) VALUES ($1, $2, now(), $3)", [
      id,
      name,
      status,
    ]);
  }
  for (const [livemode, name] of [
    [true, "Alpha live"],
    [false, "Alpha test"],
  ] as const) {
    await db.pool.query(
      `INSERT INTO query.programs (id, partner_id, livemode, name, currency, timezone, bin_prefix,
         default_spend_controls, created_at, version)
       VALUES ($1, $2, $3, $4, 'JPY', 'Asia/Tokyo', '42424242', '{}', now(), 1)`,
      [newId("prg"), a, livemode, name],
    );
  }
  await db.pool.query(
    `INSERT INTO query.api_keys (key_hash, api_key_id, partner_id, livemode, redacted_key, scopes, created_at)
     VALUES ($1, $2, $3, false, 'kb_test_…abcd', '{programs:read}', now())`,
    [keyHash, newId("key"), b],
  );
  cardholders.aLive = await cardholder(a, true, "Hanako");
  cardholders.aTest = await cardholder(a, false, "Hanako");
  cardholders.bLive = await cardholder(b, true, "Jiro");
}, 60_000);

afterAll(async () => {
  await reader?.end();
  await db?.drop();
});

describe("staff reads", () => {
  it("list every partner with its status and only the programs of the mode asked for", async () => {
    const live = await query.staff.partners({ livemode: true });
    expect(live.map((p) => [p.name, p.status, p.programs.map((g) => g.name)])).toEqual(
      expect.arrayContaining([
        ["Alpha", "active", ["Alpha live"]],
        ["Beta", "suspended", []],
      ]),
    );
    const test = await query.staff.partners({ livemode: false });
    expect(test.find((p) => p.id === a)?.programs.map((g) => g.name)).toEqual(["Alpha test"]);
  });

  it("find cardholders across partners by name or id, in one mode only, with their cards", async () => {
    const found = await query.staff.searchCardholders({ livemode: true, text: "tanaka" });
    expect(found.map((c) => c.id).sort()).toEqual([cardholders.aLive, cardholders.bLive].sort());
    expect(found.find((c) => c.id === cardholders.bLive)?.partner).toEqual({ id: b, name: "Beta" });
    expect((await query.staff.searchCardholders({ livemode: true, text: cardholders.aTest as string })).length).toBe(0);
    expect((await query.staff.searchCardholders({ livemode: false, text: "han" })).map((c) => c.id)).toEqual([
      cardholders.aTest,
    ]);
    // LIKE's wildcards are searched for as text, not as wildcards.
    expect(await query.staff.searchCardholders({ livemode: true, text: "%" })).toEqual([]);
    const cards = await query.staff.cardholderCards({ livemode: true, cardholderId: cardholders.aLive as string });
    expect(cards).toHaveLength(1);
    const card = await query.staff.card({ livemode: true, id: cards[0]?.id as string });
    expect(card).toMatchObject({ partnerId: a, status: "active" });
    expect(await query.staff.card({ livemode: false, id: cards[0]?.id as string })).toBeNull();
  });

  it("list the cardholders under a compliance hold, their own or a card's, alone or with a search", async () => {
    const held = { reason: "Sanctions screening", placed_by: "usr_staff", placed_at: new Date().toISOString() };
    const heldCardholder = await cardholder(b, true, "Saburo");
    const heldCard = await cardholder(a, true, "Shiro");
    await cardholder(a, true, "Goro");
    const testHeld = await cardholder(a, false, "Rokuro");
    await db.pool.query("UPDATE query.cardholders SET compliance_hold = $2 WHERE id = ANY($1)", [
      [heldCardholder, testHeld],
      held,
    ]);
    await db.pool.query("UPDATE query.cards SET compliance_hold = $2 WHERE cardholder_id = $1", [heldCard, held]);

    const live = await query.staff.searchCardholders({ livemode: true, held: true });
    expect(live.map((c) => c.id).sort()).toEqual([heldCardholder, heldCard].sort());
    expect(live.find((c) => c.id === heldCardholder)?.compliance_hold).toMatchObject({ reason: held.reason });
    expect((await query.staff.searchCardholders({ livemode: false, held: true })).map((c) => c.id)).toEqual([testHeld]);
    expect(
      (await query.staff.searchCardholders({ livemode: true, held: true, text: "shiro" })).map((c) => c.id),
    ).toEqual([heldCard]);
    expect(await query.staff.searchCardholders({ livemode: true, held: true, text: "goro" })).toEqual([]);
    await expect(query.staff.searchCardholders({ livemode: true })).rejects.toThrow(/by text, by hold/);
  });

  it("tell the API that a key's partner is suspended", async () => {
    expect(await query.apiKeys.authenticate({ keyHash })).toMatchObject({ partnerSuspended: true });
    await db.pool.query("UPDATE query.partners SET status = 'active' WHERE id = $1", [b]);
    expect(await query.apiKeys.authenticate({ keyHash })).toMatchObject({ partnerSuspended: false });
  });
});
