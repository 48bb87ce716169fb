import { newId } from "@koban/contracts";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settlementRepository } from "../src/adapters/settlement-repository.ts";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

async function program(partnerId: string, timezone: string) {
  const id = newId("prg");
  await db.pool.query(
    "INSERT INTO clearing.programs (id, partner_id, livemode, currency, timezone) VALUES ($1, $2, false, 'JPY', $3)",
    [id, partnerId, timezone],
  );
  return id;
}

async function posted(partnerId: string, programId: string, fileId: string, line: number) {
  await db.pool.query(
    `INSERT INTO clearing.transactions (id, partner_id, livemode, kind, arn, card_id, cardholder_id, program_id, amount,
       currency, sequence, count, fee, settlement_date, file_id, line, cleared_at, correlation_id, status, type, posted_at)
     VALUES ($1, $2, false, 'presentment', $3, $4, $5, $6, 1000, 'JPY', 1, 1, 0, '2026-11-25', $7, $8,
       '2026-11-25T03:00:00Z', $1, 'posted', 'purchase', '2026-11-25T03:00:00Z')`,
    [newId("txn"), partnerId, String(line).padStart(23, "0"), newId("card"), newId("ch"), programId, fileId, line],
  );
}

describe("a tenant's settlement", () => {
  it("is named in its earliest program's time zone, whatever zones later programs have", async () => {
    const partnerId = newId("ptn");
    const fileId = `clf_${partnerId}`;
    await db.pool.query("INSERT INTO clearing.files (id, name, imported_at) VALUES ($1, 'day.txt', now())", [fileId]);
    const tokyo = await program(partnerId, "Asia/Tokyo");
    const losAngeles = await program(partnerId, "America/Los_Angeles");
    await posted(partnerId, tokyo, fileId, 1);
    await posted(partnerId, losAngeles, fileId, 2);

    const groups = await settlementRepository.dueGroups(db.pool, "2026-11-26");
    expect(groups.filter((group) => group.tenant.partnerId === partnerId)).toEqual([
      { tenant: { partnerId, livemode: false }, currency: "JPY", timeZone: "Asia/Tokyo" },
    ]);
  });
});
