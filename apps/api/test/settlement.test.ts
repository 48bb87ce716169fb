import { randomInt } from "node:crypto";
import { runSettlementSchedule, settle } from "@koban/clearing";
import { createPartnerWithKey } from "@koban/cli/partners";
import { type ClearingRecord, formatClearingFile, newArn, sendClearingFile, settlementDay } from "@koban/network";
import { eventually, type Stack, startStack } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, individual } from "./client.ts";
import { expectLedgerInvariants } from "./ledger-invariants.ts";

/**
 * A generated day of traffic for one partner (authorizations cleared in full, in part, in
 * several parts, with tips; force posts; refunds; interchange), then its settlement: it must
 * equal the day's postings in the ledger, be posted there, match its CSV, and be made once.
 */
let stack: Stack;
let api: ReturnType<typeof apiClient>;
let partnerId: string;
let apiKey: string;
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date());
const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startStack();
  const partner = await createPartnerWithKey(stack.db.pool, "Settlement KK");
  partnerId = partner.partner_id;
  apiKey = partner.api_key;
  api = apiClient(stack.apiUrls[0] as string, partner.api_key);
  await eventually(async () => expect((await api("GET", "/v1/accounts")).body.data).toHaveLength(1));
  expect((await api("POST", "/v1/simulate/deposits", { body: { amount: 10_000_000 } })).status).toBe(201);
});

afterAll(async () => {
  await stack?.stop();
});

async function card(balance: number) {
  const holder = await api("POST", "/v1/cardholders", { body: { ...individual("Yui"), kyc: { method: "partner" } } });
  await api("POST", "/v1/transfers", { body: { type: "load", cardholder_id: holder.body.id, amount: balance } });
  const issued = await api("POST", "/v1/cards", { body: { cardholder_id: holder.body.id, type: "virtual" } });
  await api("POST", `/v1/cards/${issued.body.id}/activate`);
  const details = await api("GET", `/v1/cards/${issued.body.id}/details`);
  return { id: issued.body.id as string, pan: details.body.number as string };
}

/** A day's clearing file: every case of the clearing saga, amounts drawn at random. */
async function generateDay(): Promise<ClearingRecord[]> {
  const cards = [await card(200_000), await card(200_000), await card(3_000)];
  const records: ClearingRecord[] = [];
  const base = (pan: string, amount: number, extra: Partial<ClearingRecord> = {}): ClearingRecord => ({
    kind: "presentment",
    arn: newArn(),
    pan,
    authorization: null,
    sequence: 1,
    count: 1,
    amount,
    currency: "JPY",
    merchant: { name: "Depachika", mcc: "5411", country: "JP" },
    settlementDate: settlementDay(),
    fee: randomInt(2) === 0 ? 0 : randomInt(1, 30),
    ...extra,
  });
  for (let i = 0; i < 12; i++) {
    const payer = cards[i % 2] as { id: string; pan: string };
    const amount = randomInt(500, 5_000);
    const authorization = await api("POST", "/v1/simulate/authorizations", { body: { card_id: payer.id, amount } });
    expect(authorization.body.status).toBe("pending");
    const ids = { authorization: authorization.body.network };
    switch (i % 4) {
      case 0:
        records.push(base(payer.pan, amount, ids));
        break;
      case 1:
        records.push(base(payer.pan, amount - randomInt(1, amount), ids));
        break;
      case 2:
        records.push(base(payer.pan, amount + Math.floor(amount / 10), ids));
        break;
      case 3: {
        const first = Math.floor(amount / 2);
        records.push(base(payer.pan, first, { ...ids, sequence: 1, count: 2 }));
        records.push(base(payer.pan, amount - first - 1, { ...ids, sequence: 2, count: 2 }));
      }
    }
  }
  const poor = cards[2] as { pan: string };
  records.push(base(poor.pan, 4_500), base(poor.pan, 700));
  records.push(base((cards[0] as { pan: string }).pan, 1_200, { kind: "refund", fee: 0 }));
  records.push(base((cards[1] as { pan: string }).pan, 300, { kind: "refund", fee: 0 }));
  return records;
}

describe("a day's settlement", () => {
  let settlement: {
    id: string;
    transaction_count: number;
    shortfall_amount: number;
    net_amount: number;
    line_items: Array<{ type: string; count: number; amount: number }>;
  };

  it("equals the sum of the day's postings, and is posted in the ledger", async () => {
    const records = await generateDay();
    const receipt = await sendClearingFile(stack.gatewayUrl, formatClearingFile(records));
    expect([receipt.accepted, receipt.failed]).toEqual([records.length, 0]);
    const ids = receipt.lines.map((line) => line.transaction_id);
    await eventually(async () => {
      const { rows } = await stack.db.pool.query(
        "SELECT count(*)::int AS n FROM clearing.transactions WHERE id = ANY($1) AND status = 'posted'",
        [ids],
      );
      expect(rows[0].n).toBe(ids.length);
    });

    const made = await settle(stack.db.pool, today);
    const mine = made.filter((s) => s.tenant.partnerId === partnerId);
    expect(mine).toHaveLength(1);

    // What account posted for the day, from the ledger's side.
    const { rows: posted } = await stack.db.pool.query<{ type: string; n: number; amount: number; fee: number }>(
      `SELECT type, count(*)::int AS n, sum(amount)::bigint AS amount, sum(fee)::bigint AS fee
       FROM account.clearing_postings WHERE partner_id = $1 AND status = 'posted' GROUP BY type`,
      [partnerId],
    );
    const ledger = Object.fromEntries(posted.map((row) => [row.type, row]));
    const fees = posted.reduce((sum, row) => sum + Number(row.fee), 0);
    const feeCount = records.filter((r) => r.fee > 0).length;

    settlement = await eventually(async () => {
      const listed = await api("GET", `/v1/settlements?date=${today}`);
      expect(listed.body.data).toHaveLength(1);
      expect(listed.body.data[0].status).toBe("posted");
      return listed.body.data[0];
    });
    const line = (type: string) => {
      const found = settlement.line_items.find((item) => item.type === type);
      if (!found) throw new Error(`no ${type} line`);
      return found;
    };
    expect(settlement).toMatchObject({ date: today, currency: "JPY", time_zone: "Asia/Tokyo" });
    expect(settlement.transaction_count).toBe(records.length);
    for (const type of ["purchase", "refund", "force_post"]) {
      expect(line(type), type).toEqual({
        type,
        count: ledger[type]?.n ?? 0,
        amount: Number(ledger[type]?.amount ?? 0),
      });
    }
    expect(line("interchange")).toEqual({ type: "interchange", count: feeCount, amount: fees });
    expect(line("force_post").count).toBeGreaterThanOrEqual(2);
    expect(settlement.shortfall_amount).toBeGreaterThan(0);
    expect(settlement.net_amount).toBe(
      line("purchase").amount + line("force_post").amount - line("refund").amount - fees,
    );

    // Posted in the ledger: the net left the network settlement account, which is now square.
    const { rows: transfer } = await stack.db.pool.query(
      `SELECT t.amount, d.kind AS debit, c.kind AS credit FROM account.transfers t
       JOIN account.accounts d ON d.id = t.debit_account_id JOIN account.accounts c ON c.id = t.credit_account_id
       WHERE t.code = 'settlement' AND t.partner_id = $1`,
      [partnerId],
    );
    expect(transfer).toEqual([
      { amount: settlement.net_amount, debit: "network_settlement", credit: "platform_clearing" },
    ]);
    const { rows: square } = await stack.db.pool.query(
      `SELECT debits_posted - credits_posted AS balance, debits_pending FROM account.accounts
       WHERE partner_id = $1 AND kind = 'network_settlement'`,
      [partnerId],
    );
    expect(square).toEqual([{ balance: 0, debits_pending: 0 }]);
    await expectLedgerInvariants(stack.db.pool);
  });

  it("exports a CSV that matches the API", async () => {
    const response = await fetch(`${stack.apiUrls[0]}/v1/settlements/${settlement.id}/csv`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const [header, ...rows] = (await response.text()).trimEnd().split("\n");
    expect(header?.split(",")).toEqual([
      "settlement_id",
      "transaction_id",
      "type",
      "amount",
      "currency",
      "interchange_amount",
      "shortfall_amount",
      "authorization_id",
      "card_id",
      "posted_at",
    ]);
    const parsed = rows.map((row) => row.split(","));
    expect(parsed).toHaveLength(settlement.transaction_count);
    expect(new Set(parsed.map((row) => row[0]))).toEqual(new Set([settlement.id]));
    for (const item of settlement.line_items) {
      const column = item.type === "interchange" ? 5 : 3;
      const counted =
        item.type === "interchange" ? parsed.filter((r) => Number(r[5]) > 0) : parsed.filter((r) => r[2] === item.type);
      expect([counted.length, counted.reduce((sum, r) => sum + Number(r[column]), 0)], item.type).toEqual([
        item.count,
        item.amount,
      ]);
    }
    expect(parsed.reduce((sum, r) => sum + Number(r[6]), 0)).toBe(settlement.shortfall_amount);
    const listed = await api("GET", "/v1/transactions?limit=100");
    expect(new Set(parsed.map((r) => r[1]))).toEqual(new Set(listed.body.data.map((t: { id: string }) => t.id)));
    const one = listed.body.data.find((t: { id: string }) => t.id === parsed[0]?.[1]);
    expect([one.type, String(one.amount), one.card_id]).toEqual([parsed[0]?.[2], parsed[0]?.[3], parsed[0]?.[8]]);
  });

  it("is made once: settling the day again, by the CLI or the schedule, changes nothing", async () => {
    const again = (await settle(stack.db.pool, today)).filter((s) => s.tenant.partnerId === partnerId);
    expect(again.map((s) => s.id)).toEqual([settlement.id]);
    // The schedule, due, settles the day before its run's day (nothing left there) and moves a day on.
    await stack.db.pool.query(
      "UPDATE clearing.settlement_schedule SET next_run_at = now() - interval '1 minute' WHERE name = 'daily'",
    );
    const ran = await runSettlementSchedule(stack.db.pool);
    expect(ran).toEqual([yesterday]);
    const { rows } = await stack.db.pool.query(
      "SELECT next_run_at > now() AS ahead, last_settled_date::text AS day FROM clearing.settlement_schedule",
    );
    expect(rows).toEqual([{ ahead: true, day: yesterday }]);
    expect(await runSettlementSchedule(stack.db.pool)).toEqual([]);
    expect((await api("GET", "/v1/settlements")).body.data.map((s: { id: string }) => s.id)).toEqual([settlement.id]);
    const { rows: transfers } = await stack.db.pool.query(
      "SELECT count(*)::int AS n FROM account.transfers WHERE code = 'settlement' AND partner_id = $1",
      [partnerId],
    );
    expect(transfers[0].n).toBe(1);
  });

  it("is another partner's 404", async () => {
    const other = apiClient(
      stack.apiUrls[0] as string,
      (await createPartnerWithKey(stack.db.pool, "Settlement Other")).api_key,
    );
    await eventually(async () => expect((await other("GET", "/v1/settlements")).status).toBe(200));
    expect((await other("GET", "/v1/settlements")).body.data).toEqual([]);
    const read = await other("GET", `/v1/settlements/${settlement.id}`);
    expect([read.status, read.body.code]).toEqual([404, "resource_not_found"]);
    const csv = await other("GET", `/v1/settlements/${settlement.id}/csv`);
    expect(csv.status).toBe(404);
  });
});
