import { newId, type Tenant } from "@koban/contracts";
import { createPool, type Pool } from "@koban/db";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_QUERY_READER_PASSWORD, queryReaderUrl, queryRouter } from "../src/index.ts";

/** The console's funding page filters balances by kind and transfers by load or unload. */
let db: TestDatabase;
let reader: Pool;
const a: Tenant = { partnerId: newId("ptn"), livemode: false };
const b: Tenant = { partnerId: newId("ptn"), livemode: false };
const program = newId("prg");
const [cardholder, other] = [newId("ch"), newId("ch")];

async function account(tenant: Tenant, kind: string, owner: string) {
  await db.pool.query(
    `INSERT INTO query.accounts (id, partner_id, livemode, kind, owner_id, currency, posted, pending, available, created_at)
     VALUES ($1, $2, $3, $4, $5, 'JPY', 100, 0, 100, now())`,
    [newId("acct"), tenant.partnerId, tenant.livemode, kind, owner],
  );
}

async function transfer(tenant: Tenant, cardholderId: string, direction: "to_cardholder" | "to_program") {
  const id = newId("tr");
  await db.pool.query(
    `INSERT INTO query.transfers (id, partner_id, livemode, program_id, cardholder_id, direction, amount, currency, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 100, 'JPY', now())`,
    [id, tenant.partnerId, tenant.livemode, program, cardholderId, direction],
  );
  return id;
}

const query = () => queryRouter.createCaller({ pool: reader });
let transfers: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  reader = createPool(queryReaderUrl(db.url, DEV_QUERY_READER_PASSWORD), { max: 2, name: "money-filters-test" });
  await account(a, "program_funding", program);
  await account(a, "cardholder_prepaid", cardholder);
  await account(a, "cardholder_prepaid", other);
  await account(b, "cardholder_prepaid", newId("ch"));
  transfers = {
    load: await transfer(a, cardholder, "to_cardholder"),
    unload: await transfer(a, cardholder, "to_program"),
    otherLoad: await transfer(a, other, "to_cardholder"),
  };
  await transfer(b, newId("ch"), "to_cardholder");
});

afterAll(async () => {
  await reader?.end();
  await db?.drop();
});

describe("balances and transfers, filtered", () => {
  it("lists the tenant's accounts of one kind", async () => {
    const funding = await query().accounts.list({ tenant: a, limit: 10, type: "program_funding" });
    expect(funding.data.map((row) => row.program_id)).toEqual([program]);
    const prepaid = await query().accounts.list({ tenant: a, limit: 10, type: "cardholder_prepaid" });
    expect(prepaid.data.map((row) => row.cardholder_id).sort()).toEqual([cardholder, other].sort());
  });

  it("lists loads or unloads, of one cardholder or all", async () => {
    const ids = async (input: { type?: "load" | "unload"; cardholderId?: string }) =>
      (await query().transfers.list({ tenant: a, limit: 10, ...input })).data.map((row) => row.id).sort();
    expect(await ids({ type: "load" })).toEqual([transfers.load, transfers.otherLoad].sort());
    expect(await ids({ type: "unload" })).toEqual([transfers.unload]);
    expect(await ids({ type: "load", cardholderId: cardholder })).toEqual([transfers.load]);
    expect(await ids({})).toHaveLength(3);
  });
});
