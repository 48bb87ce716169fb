import { randomInt } from "node:crypto";
import { runSettlementSchedule, settle } from "@koban/clearing";
import { createApiKey } from "@koban/cli/api-keys";
import { recordDeposit } from "@koban/cli/deposits";
import { createPartnerWithKey } from "@koban/cli/partners";
import { createProgram } from "@koban/cli/programs";
import { ClearingPosted, newId, newMessageId } from "@koban/contracts";
import { transaction } from "@koban/db";
import { appendToOutbox, createEvent } from "@koban/messaging";
import { type ClearingRecord, formatClearingFile, newArn, sendClearingFile, settlementDay } from "@koban/network";
import { prepaidBalancesAsOf, prepaidDepositsAsOf, type QueryRouter, readAs } from "@koban/query";
import { eventually, type Stack, startStack, waitForQuiescence } from "@koban/testing";
import { createTRPCClient, httpLink } from "@trpc/client";
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
/** How long a saga (clearing → account → the read side) may take to finish on a busy machine. */
const SAGA_MS = 60_000;
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

/** The staff side of the query processor, as the console will call it. */
const staffReports = () => createTRPCClient<QueryRouter>({ links: [httpLink({ url: stack.queryUrl })] }).staffReports;

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
    // Approved, it is cleared as a purchase; declined (its deadline passed on a busy machine), as a force post.
    expect(["pending", "declined"]).toContain(authorization.body.status);
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
    }, SAGA_MS);

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
    }, SAGA_MS);
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

  it("announces each posted transaction and the settlement as events, for webhooks", async () => {
    const events = async (type: string) => {
      const listed = await api("GET", `/v1/events?type=${type}&limit=100`);
      expect(listed.status).toBe(200);
      return listed.body.data as Array<{
        type: string;
        data: { object: { id: string; object: string; status?: string } };
      }>;
    };
    const postedIds = (
      await stack.db.pool.query<{ id: string }>(
        "SELECT transaction_id AS id FROM account.clearing_postings WHERE partner_id = $1 AND status = 'posted'",
        [partnerId],
      )
    ).rows.map((row) => row.id);
    await eventually(async () => {
      const created = await events("transaction.created");
      // Once each, as the API renders the transaction.
      expect(created.map((event) => event.data.object.id).sort()).toEqual([...postedIds].sort());
      expect(created.every((event) => event.data.object.object === "transaction")).toBe(true);
    }, SAGA_MS);
    const announced = await events("settlement.*");
    expect(announced.map((event) => [event.type, event.data.object.id, event.data.object.status])).toEqual([
      ["settlement.posted", settlement.id, "posted"],
      ["settlement.created", settlement.id, "calculated"],
    ]);
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

describe("accounting staff's reports", () => {
  it("find nothing to reconcile after the clean day, and sum the settlements and balances across partners", async () => {
    await waitForQuiescence(stack.db.pool);
    const staff = { livemode: false };
    await eventually(
      async () => expect(await staffReports().reconciliation.query({ staff, settledThrough: today })).toEqual([]),
      SAGA_MS,
    );
    const [day] = await staffReports().settlementTotals.query({ staff });
    const [settlement] = (await api("GET", "/v1/settlements")).body.data;
    expect(day).toMatchObject({ date: today, currency: "JPY", settlements: 1, unposted: 0 });
    expect(day?.net_amount).toBe(settlement.net_amount);
    expect(day?.transactions).toBe(settlement.transaction_count);
    expect(await staffReports().settlementTotals.query({ staff: { livemode: true } })).toEqual([]);

    const balances = await staffReports().ledgerBalances.query({ staff });
    const mine = balances.filter((row) => row.partner_id === partnerId);
    const prepaid = mine.find((row) => row.kind === "cardholder_prepaid");
    const { rows } = await stack.db.pool.query(
      `SELECT sum(credits_posted - debits_posted)::bigint AS posted,
              sum(greatest(debits_posted - credits_posted, 0))::bigint AS owed
       FROM account.accounts WHERE partner_id = $1 AND livemode = false AND kind = 'cardholder_prepaid'`,
      [partnerId],
    );
    expect([prepaid?.posted, prepaid?.owed]).toEqual([rows[0].posted, rows[0].owed]);
    expect(prepaid?.owed).toBeGreaterThan(0);
    expect(mine.find((row) => row.kind === "network_settlement")?.posted).toBe(0);
  });

  it("report a record the ledger did not post and a posting with no record", async () => {
    const payer = await card(10_000);
    // The network clears a dollar purchase on a yen card: the ledger has no balance to post it on.
    const receipt = await sendClearingFile(
      stack.gatewayUrl,
      formatClearingFile([
        {
          kind: "presentment",
          arn: newArn(),
          pan: payer.pan,
          authorization: null,
          sequence: 1,
          count: 1,
          amount: 25,
          currency: "USD",
          merchant: { name: "Diner", mcc: "5812", country: "US" },
          settlementDate: settlementDay(),
          fee: 0,
        },
      ]),
    );
    const unposted = receipt.lines[0]?.transaction_id;
    // And a posting reaches the books for a record clearing never had.
    const orphan = newId("txn");
    const [account] = (await api("GET", `/v1/accounts?cardholder_id=${(await cardholderOf(payer.id)) ?? ""}`)).body
      .data;
    await transaction(stack.db.pool, (tx) =>
      appendToOutbox(tx, "account", [
        createEvent(
          ClearingPosted,
          {
            transaction_id: orphan,
            type: "purchase",
            authorization_id: null,
            hold_id: null,
            amount: 777,
            currency: "JPY",
            from_hold: 0,
            released: 0,
            excess: 777,
            forced: false,
            shortfall: 0,
            fee: 0,
            balances: [
              {
                account_id: account.id,
                kind: "cardholder_prepaid",
                sequence: 0,
                debits_pending: 0,
                debits_posted: 0,
                credits_pending: 0,
                credits_posted: 0,
                posted: 0,
                pending: 0,
                available: 0,
              },
            ],
            transfer_ids: [newId("tr")],
            posted_at: new Date().toISOString(),
          },
          {
            source: "account",
            tenant: { partnerId, livemode: false },
            correlationId: newMessageId(),
            stream: { id: `${orphan}:account`, version: 1 },
          },
        ),
      ]),
    );
    const found = await eventually(async () => {
      const report = await staffReports().reconciliation.query({ staff: { livemode: false } });
      expect(report.map((d) => d.kind).sort()).toEqual(["posting_without_record", "record_not_posted"]);
      return report;
    }, SAGA_MS);
    expect(found).toContainEqual(
      expect.objectContaining({
        kind: "record_not_posted",
        transaction_id: unposted,
        amount: 25,
        partner_id: partnerId,
      }),
    );
    const refused = found.find((d) => d.kind === "record_not_posted");
    expect(refused && "refusal" in refused ? refused.refusal : null).toContain("account_not_found");
    expect(found).toContainEqual({
      kind: "posting_without_record",
      partner_id: partnerId,
      transaction_id: orphan,
      amount: 777,
    });
    // Live figures never see test mode's differences.
    expect(await staffReports().reconciliation.query({ staff: { livemode: true } })).toEqual([]);
    await expectLedgerInvariants(stack.db.pool);
  });
});

describe("the Payment Services Act report", () => {
  it("gives each partner's unused live prepaid balance as of a moment, not as of now, and the deposit due", async () => {
    const { program_id } = await createProgram(stack.db.pool, partnerId, {
      livemode: true,
      name: "Live JPY",
      currency: "JPY",
      timezone: "Asia/Tokyo",
      binPrefix: "45399900",
    });
    const live = apiClient(
      stack.apiUrls[0] as string,
      (await createApiKey(stack.db.pool, partnerId, { livemode: true })).api_key,
    );
    await eventually(async () => expect((await live("GET", "/v1/accounts")).body.data).toHaveLength(1));
    await recordDeposit(stack.db.pool, {
      partnerId,
      programId: program_id,
      livemode: true,
      amount: 30_000_000,
      description: "base-date test",
    });
    const holder = async (amount: number) => {
      const created = await live("POST", "/v1/cardholders", {
        body: { ...individual("Sora"), kyc: { method: "partner" } },
      });
      expect(
        (await live("POST", "/v1/transfers", { body: { type: "load", cardholder_id: created.body.id, amount } }))
          .status,
      ).toBe(201);
      return created.body.id as string;
    };
    await card(500); // test-mode money, which must never count
    const a = await holder(8_000_000);
    const b = await holder(4_000_000);
    const issued = await live("POST", "/v1/cards", { body: { cardholder_id: a, type: "virtual" } });
    await live("POST", `/v1/cards/${issued.body.id}/activate`);
    const pan = (await live("GET", `/v1/cards/${issued.body.id}/details`)).body.number as string;
    await waitForQuiescence(stack.db.pool);

    // The base moment: 12,000,000 unused. What happens after it must not count.
    const moment = new Date();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await live("POST", "/v1/transfers", { body: { type: "load", cardholder_id: b, amount: 2_000_000 } });
    const receipt = await eventually(async () => {
      const sent = await sendClearingFile(
        stack.gatewayUrl,
        formatClearingFile([
          {
            kind: "presentment",
            arn: newArn(),
            pan,
            authorization: null,
            sequence: 1,
            count: 1,
            amount: 1_000_000,
            currency: "JPY",
            merchant: { name: "Ginza Watch", mcc: "5944", country: "JP" },
            settlementDate: settlementDay(),
            fee: 0,
          },
        ]),
      );
      expect(sent.accepted).toBe(1);
      return sent;
    });
    expect(receipt.failed).toBe(0);
    await waitForQuiescence(stack.db.pool);
    const asOf = (at: Date) =>
      readAs(stack.db.pool, { staff: { livemode: true } }, (db) => prepaidBalancesAsOf(db, true, at));
    expect((await asOf(moment)).find((row) => row.partner_id === partnerId)).toMatchObject({
      currency: "JPY",
      unused: 12_000_000,
    });
    // The force post is account's answer to clearing's record: waited for, as quiescence does not see it coming.
    await eventually(
      async () => expect((await asOf(new Date())).find((row) => row.partner_id === partnerId)?.unused).toBe(13_000_000),
      SAGA_MS,
    );
    const deposits = await readAs(stack.db.pool, { staff: { livemode: true } }, (db) =>
      prepaidDepositsAsOf(db, moment),
    );
    expect(deposits.find((row) => row.partner_id === partnerId)).toMatchObject({
      unused_balance: 12_000_000,
      deposit_due: 6_000_000,
    });
    // Test mode's balances are never in it.
    const testOnly = await readAs(stack.db.pool, { staff: { livemode: false } }, (db) =>
      prepaidBalancesAsOf(db, false, new Date()),
    );
    expect(testOnly.find((row) => row.partner_id === partnerId)?.unused).toBeGreaterThan(0);
    expect((await asOf(new Date())).filter((row) => row.partner_id === partnerId)).toHaveLength(1);

    // Through the staff procedure: a base date only, in live mode, as of the end of that day in JST.
    const report = await staffReports().paymentServicesAct.query({ baseDate: "2026-09-30" });
    expect(report.as_of).toBe("2026-09-30T15:00:00.000Z");
    expect(report.partners.find((row) => row.partner_id === partnerId)).toBeUndefined();
    await expect(staffReports().paymentServicesAct.query({ baseDate: "2026-10-01" })).rejects.toThrow(
      /YYYY-03-31 or YYYY-09-30/,
    );
  });
});

async function cardholderOf(cardId: string): Promise<string | undefined> {
  return (await api("GET", `/v1/cards/${cardId}`)).body.cardholder_id;
}
