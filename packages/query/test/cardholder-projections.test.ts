import { CardholderContactChanged, CardholderRegistered, newId, noSpendControls, type Tenant } from "@koban/contracts";
import { transaction } from "@koban/db";
import { createEvent, type HandlerContext } from "@koban/messaging";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projections } from "../src/materializer/projections.ts";

let db: TestDatabase;
const tenant: Tenant = { partnerId: newId("ptn"), livemode: false };
const byType = new Map(projections.map((projection) => [projection.definition.type, projection]));

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

const registered = (id: string) =>
  createEvent(
    CardholderRegistered,
    {
      cardholder_id: id,
      type: "individual",
      business_id: null,
      individual: { first_name: "Aiko", last_name: "Sato" },
      business: null,
      email: "first@example.com",
      phone_number: null,
      address: null,
      metadata: {},
      spend_controls: noSpendControls,
      status: "active",
      kyc_status: "pending",
      created_at: new Date().toISOString(),
    },
    { source: "cardholder", tenant, stream: { id, version: 1 } },
  );

const contactChanged = (id: string, version: number, email: string) =>
  createEvent(
    CardholderContactChanged,
    { cardholder_id: id, email, phone_number: null, address: null, changed_at: new Date().toISOString() },
    { source: "cardholder", tenant, stream: { id, version } },
  );

function project(event: ReturnType<typeof registered> | ReturnType<typeof contactChanged>) {
  return transaction(db.pool, (tx) => {
    const context: HandlerContext = { tx, tenant, emit: () => {} };
    return byType.get(event.type)?.handle(event, context) ?? Promise.resolve();
  });
}

const row = async (id: string) =>
  (await db.pool.query("SELECT email, version FROM query.cardholders WHERE id = $1", [id])).rows[0];

describe("cardholder projections", () => {
  it("apply a stream in version order: a later version waits for the earlier ones, a repeat is skipped", async () => {
    const id = newId("ch");
    const v2 = contactChanged(id, 2, "second@example.com");
    const v3 = contactChanged(id, 3, "third@example.com");

    await expect(project(v2)).rejects.toThrow(/is at version 0/);
    expect(await row(id)).toBeUndefined();

    await project(registered(id));
    await expect(project(v3)).rejects.toThrow(/is at version 1/);
    await project(v2);
    await project(v3);
    expect(await row(id)).toEqual({ email: "third@example.com", version: 3 });

    await project(v2);
    expect(await row(id)).toEqual({ email: "third@example.com", version: 3 });
  });
});
