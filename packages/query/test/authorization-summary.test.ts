import { newId, type Tenant } from "@koban/contracts";
import { createPool, type Pool } from "@koban/db";
import { createTestDatabase, type TestDatabase } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_QUERY_READER_PASSWORD, queryReaderUrl, queryRouter } from "../src/index.ts";

let db: TestDatabase;
let reader: Pool;
const a: Tenant = { partnerId: newId("ptn"), livemode: false };
const aLive: Tenant = { ...a, livemode: true };
const b: Tenant = { partnerId: newId("ptn"), livemode: false };

type Decision = { approved: true } | { declined: string } | { undecided: true };

async function authorization(tenant: Tenant, at: string, amount: number, decision: Decision) {
  await db.pool.query(
    `INSERT INTO query.authorizations (id, partner_id, livemode, card_id, cardholder_id, program_id, status, amount,
       currency, merchant, network, decline_reason, approval_code, created_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'JPY', '{"name":"Shop","mcc":"5411","country":"JP"}',
       '{"stan":"000001","rrn":"000000000001"}', $9, $10, $11, 1)`,
    [
      newId("auth"),
      tenant.partnerId,
      tenant.livemode,
      newId("card"),
      newId("ch"),
      newId("prg"),
      "approved" in decision ? "pending" : "declined" in decision ? "declined" : "requested",
      amount,
      "declined" in decision ? decision.declined : null,
      "approved" in decision ? "123456" : null,
      at,
    ],
  );
}

const summaryOf = (tenant: Tenant, timeZone: string, date?: string) =>
  queryRouter.createCaller({ pool: reader }).authorizations.summary({ tenant, timeZone, date });

beforeAll(async () => {
  db = await createTestDatabase();
  reader = createPool(queryReaderUrl(db.url, DEV_QUERY_READER_PASSWORD), { max: 2, name: "summary-test" });
  // 2026-03-10 in Tokyo is 2026-03-09T15:00Z up to 2026-03-10T15:00Z.
  await authorization(a, "2026-03-09T14:59:59Z", 9_000, { approved: true });
  await authorization(a, "2026-03-09T15:00:00Z", 1_000, { approved: true });
  await authorization(a, "2026-03-10T01:30:00Z", 2_500, { approved: true });
  await authorization(a, "2026-03-10T01:45:00Z", 7_000, { declined: "insufficient_funds" });
  await authorization(a, "2026-03-10T02:10:00Z", 300, { declined: "card_frozen" });
  await authorization(a, "2026-03-10T02:20:00Z", 8_000, { declined: "insufficient_funds" });
  await authorization(a, "2026-03-10T03:00:00Z", 500, { undecided: true });
  await authorization(a, "2026-03-10T15:00:00Z", 4_000, { approved: true });
  // Other tenants' traffic of the same hours.
  await authorization(aLive, "2026-03-10T01:00:00Z", 50_000, { approved: true });
  await authorization(b, "2026-03-10T01:00:00Z", 60_000, { declined: "card_frozen" });
});

afterAll(async () => {
  await reader?.end();
  await db?.drop();
});

describe("a day's authorization summary", () => {
  it("sums the tenant's calendar day in the time zone asked, hour by hour", async () => {
    const day = await summaryOf(a, "Asia/Tokyo", "2026-03-10");
    expect(day).toMatchObject({
      date: "2026-03-10",
      time_zone: "Asia/Tokyo",
      total: 6,
      approved: 2,
      declined: 3,
      approval_rate: 0.4,
      approved_volume: [{ currency: "JPY", amount: 3_500 }],
      declines_by_reason: [
        { reason: "insufficient_funds", count: 2 },
        { reason: "card_frozen", count: 1 },
      ],
    });
    expect(day.hourly).toHaveLength(24);
    const busy = day.hourly.filter((hour) => hour.approved + hour.declined > 0);
    expect(busy).toEqual([
      { hour: 0, approved: 1, declined: 0 },
      { hour: 10, approved: 1, declined: 1 },
      { hour: 11, approved: 0, declined: 2 },
    ]);
  });

  it("draws the day's edges in that time zone: the same instants fall in another day in UTC", async () => {
    const day = await summaryOf(a, "UTC", "2026-03-09");
    expect([day.total, day.approved, day.approval_rate]).toEqual([2, 2, 1]);
    expect(day.approved_volume).toEqual([{ currency: "JPY", amount: 10_000 }]);
    expect(day.hourly.filter((hour) => hour.approved > 0).map((hour) => hour.hour)).toEqual([14, 15]);
  });

  it("sees only its own tenant: another partner's and the other mode's traffic are not counted", async () => {
    const live = await summaryOf(aLive, "Asia/Tokyo", "2026-03-10");
    expect([live.total, live.approved, live.approved_volume]).toEqual([1, 1, [{ currency: "JPY", amount: 50_000 }]]);
    const other = await summaryOf(b, "Asia/Tokyo", "2026-03-10");
    expect([other.total, other.declined, other.declines_by_reason]).toEqual([
      1,
      1,
      [{ reason: "card_frozen", count: 1 }],
    ]);
  });

  it("is an empty day, not an error, with no traffic; and is today in the zone when no date is given", async () => {
    const quiet = await summaryOf(a, "Asia/Tokyo", "2026-01-01");
    expect(quiet).toMatchObject({ total: 0, approved: 0, declined: 0, approval_rate: null, approved_volume: [] });
    expect(quiet.declines_by_reason).toEqual([]);
    const today = await summaryOf(a, "Pacific/Kiritimati");
    expect(today.date).toBe(new Intl.DateTimeFormat("en-CA", { timeZone: "Pacific/Kiritimati" }).format(new Date()));
  });

  it("refuses a time zone that is not an IANA name", async () => {
    await expect(summaryOf(a, "+09:00", "2026-03-10")).rejects.toThrow(/IANA/);
  });
});
