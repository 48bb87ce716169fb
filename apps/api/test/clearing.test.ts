import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expireDueHolds } from "@koban/account";
import { createApiKey } from "@koban/cli/api-keys";
import { createPartnerWithKey } from "@koban/cli/partners";
import { type ClearingRecord, formatClearingFile, newArn, settlementDay } from "@koban/network";
import { eventually, type Stack, startStack } from "@koban/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { apiClient, individual } from "./client.ts";
import { expectLedgerInvariants } from "./ledger-invariants.ts";

/**
 * The clearing saga end to end: the network's clearing file goes to the gateway's clearing edge;
 * `clearing` deduplicates and matches each record to its authorization; `account` posts it in
 * the ledger (drawing down the hold, or force posting); `clearing` confirms it. One test per
 * clearing case, each followed by the ledger's invariants.
 */
let stack: Stack;
let api: ReturnType<typeof apiClient>;
let partnerId: string;

beforeAll(async () => {
  stack = await startStack();
  const partner = await createPartnerWithKey(stack.db.pool, "Clearing KK");
  api = apiClient(stack.apiUrls[0] as string, partner.api_key);
  partnerId = partner.partner_id;
  await eventually(async () => expect((await api("GET", "/v1/accounts")).body.data).toHaveLength(1));
  expect((await api("POST", "/v1/simulate/deposits", { body: { amount: 10_000_000 } })).status).toBe(201);
});

afterAll(async () => {
  await stack?.stop();
});

afterEach(async () => {
  if (stack) await expectLedgerInvariants(stack.db.pool);
});

interface Card {
  cardId: string;
  cardholderId: string;
  pan: string;
}

async function cardWith(balance: number): Promise<Card> {
  const holder = await api("POST", "/v1/cardholders", { body: { ...individual("Aoi"), kyc: { method: "partner" } } });
  expect(holder.status).toBe(201);
  const load = await api("POST", "/v1/transfers", {
    body: { type: "load", cardholder_id: holder.body.id, amount: balance },
  });
  expect(load.status).toBe(201);
  const card = await api("POST", "/v1/cards", { body: { cardholder_id: holder.body.id, type: "virtual" } });
  expect((await api("POST", `/v1/cards/${card.body.id}/activate`)).status).toBe(200);
  const details = await api("GET", `/v1/cards/${card.body.id}/details`);
  return { cardId: card.body.id, cardholderId: holder.body.id, pan: details.body.number };
}

async function authorize(card: Card, amount: number) {
  const response = await api("POST", "/v1/simulate/authorizations", { body: { card_id: card.cardId, amount } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; status: string; network: { stan: string; rrn: string } };
}

function record(card: Card, amount: number, extra: Partial<ClearingRecord> = {}): ClearingRecord {
  return {
    kind: "presentment",
    arn: newArn(),
    pan: card.pan,
    authorization: null,
    sequence: 1,
    count: 1,
    amount,
    currency: "JPY",
    merchant: { name: "Cafe Mori", mcc: "5814", country: "JP" },
    settlementDate: settlementDay(),
    fee: 0,
    ...extra,
  };
}

interface Summary {
  file_id: string;
  records: number;
  accepted: number;
  duplicates: number;
  failed: number;
  errors: Array<{ line: number; error: string }>;
  lines: Array<{ line: number; transaction_id: string; duplicate: boolean }>;
}

async function sendFile(text: string): Promise<Summary> {
  const response = await fetch(`${stack.gatewayUrl}/clearing/files?name=test.clr`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: text,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Summary;
}

interface Posting {
  id: string;
  status: string;
  type: string | null;
  authorization_id: string | null;
  forced: boolean | null;
  shortfall: number | null;
}

/** Sends the records as one file and waits until account has posted each (clearing confirmed it). */
async function clear(...records: ClearingRecord[]): Promise<Posting[]> {
  const summary = await sendFile(formatClearingFile(records));
  expect(summary.errors).toEqual([]);
  const ids = summary.lines.map((line) => line.transaction_id);
  return posted(ids);
}

async function posted(ids: string[]): Promise<Posting[]> {
  return eventually(async () => {
    const { rows } = await stack.db.pool.query<Posting>(
      `SELECT id, status, type, authorization_id, forced, shortfall FROM clearing.transactions
       WHERE id = ANY($1) ORDER BY line`,
      [ids],
    );
    expect(rows.map((row) => row.status)).toEqual(ids.map(() => "posted"));
    return rows;
  }, 60_000);
}

/** The card's balance in the ledger itself: posted (settled) and pending (held). */
async function ledgerBalance(card: Card) {
  const { rows } = await stack.db.pool.query<{ posted: string; pending: string }>(
    `SELECT credits_posted - debits_posted AS posted, debits_pending AS pending FROM account.accounts
     WHERE kind = 'cardholder_prepaid' AND owner_id = $1`,
    [card.cardholderId],
  );
  const row = rows[0];
  return row && { posted: Number(row.posted), pending: Number(row.pending) };
}

async function holdOf(authorizationId: string) {
  const { rows } = await stack.db.pool.query<{ status: string; amount: string; posted_amount: string }>(
    `SELECT h.status, h.amount, h.posted_amount FROM account.holds h JOIN account.transfers t ON t.id = h.id
     WHERE t.metadata->>'reference' = $1 ORDER BY h.id`,
    [authorizationId],
  );
  return rows.map((row) => ({ status: row.status, amount: Number(row.amount), posted: Number(row.posted_amount) }));
}

const withAuthorization = (authorization: { network: { stan: string; rrn: string } }) => ({
  authorization: authorization.network,
});

describe("a presentment", () => {
  it("of the authorized amount posts the hold in full", async () => {
    const card = await cardWith(10_000);
    const authorization = await authorize(card, 1_200);
    const [txn] = await clear(record(card, 1_200, withAuthorization(authorization)));
    expect(txn).toMatchObject({ type: "purchase", authorization_id: authorization.id, forced: false });
    expect(await ledgerBalance(card)).toEqual({ posted: 8_800, pending: 0 });
    expect(await holdOf(authorization.id)).toEqual([{ status: "posted", amount: 1_200, posted: 1_200 }]);
  });

  it("of less, the final one, posts that and releases the rest of the hold", async () => {
    const card = await cardWith(10_000);
    const authorization = await authorize(card, 3_000);
    const [txn] = await clear(record(card, 2_400, withAuthorization(authorization)));
    expect(txn?.type).toBe("purchase");
    expect(await ledgerBalance(card)).toEqual({ posted: 7_600, pending: 0 });
  });

  it("of more within the tolerance (a tip) posts the hold and the excess", async () => {
    const card = await cardWith(10_000);
    const authorization = await authorize(card, 5_000);
    const [txn] = await clear(record(card, 5_900, withAuthorization(authorization)));
    expect(txn).toMatchObject({ type: "purchase", forced: false });
    expect(await ledgerBalance(card)).toEqual({ posted: 4_100, pending: 0 });
  });

  it("of more beyond the tolerance still posts, as a force post, even below zero", async () => {
    const card = await cardWith(2_000);
    const authorization = await authorize(card, 1_000);
    const [txn] = await clear(record(card, 2_500, withAuthorization(authorization)));
    expect(txn).toMatchObject({ type: "force_post", forced: true, shortfall: 500 });
    expect(await ledgerBalance(card)).toEqual({ posted: -500, pending: 0 });
  });

  it("in several parts draws the hold down by each and releases what is left after the last", async () => {
    const card = await cardWith(10_000);
    const authorization = await authorize(card, 6_000);
    const part = (sequence: number, amount: number) =>
      record(card, amount, { ...withAuthorization(authorization), sequence, count: 3 });
    await clear(part(1, 2_000));
    expect(await ledgerBalance(card)).toEqual({ posted: 8_000, pending: 4_000 });
    await clear(part(2, 1_500));
    expect(await ledgerBalance(card)).toEqual({ posted: 6_500, pending: 2_500 });
    const [last] = await clear(part(3, 1_000));
    expect(last?.type).toBe("purchase");
    expect(await ledgerBalance(card)).toEqual({ posted: 5_500, pending: 0 });
    expect((await holdOf(authorization.id)).map((hold) => hold.status)).toEqual(["posted", "posted", "posted"]);
  });

  it("with no authorization is force posted, taking the balance below zero as owed by the partner", async () => {
    const card = await cardWith(1_000);
    const [txn] = await clear(record(card, 1_700));
    expect(txn).toMatchObject({ type: "force_post", authorization_id: null, forced: true, shortfall: 700 });
    expect(await ledgerBalance(card)).toEqual({ posted: -700, pending: 0 });
  });

  it("of an authorization that grew draws down its hold and its increments', and releases them", async () => {
    const card = await cardWith(20_000);
    const stay = await authorize(card, 7_000);
    const extra = await api("POST", `/v1/simulate/authorizations/${stay.id}/increment`, { body: { amount: 2_000 } });
    expect([extra.status, extra.body.status]).toEqual([201, "pending"]);
    await eventually(async () => expect(await ledgerBalance(card)).toEqual({ posted: 20_000, pending: 9_000 }));
    // The stay came to 8,500: well within what was authorized in all (9,000), so a purchase,
    // paid by the stay's hold and then the increment's, the rest released.
    const [txn] = await clear(record(card, 8_500, withAuthorization(stay)));
    expect(txn).toMatchObject({ type: "purchase", authorization_id: stay.id, forced: false });
    expect(await ledgerBalance(card)).toEqual({ posted: 11_500, pending: 0 });
    expect(await holdOf(stay.id)).toEqual([{ status: "posted", amount: 7_000, posted: 7_000 }]);
    expect(await holdOf(extra.body.id)).toEqual([{ status: "posted", amount: 2_000, posted: 1_500 }]);
    await eventually(async () => {
      for (const id of [stay.id, extra.body.id])
        expect((await api("GET", `/v1/authorizations/${id}`)).body.status).toBe("closed");
    });
  });

  it("in parts of an authorization that grew keeps what is left held until the last", async () => {
    const card = await cardWith(20_000);
    const stay = await authorize(card, 5_000);
    const extra = await api("POST", `/v1/simulate/authorizations/${stay.id}/increment`, { body: { amount: 3_000 } });
    expect(extra.status).toBe(201);
    await eventually(async () => expect(await ledgerBalance(card)).toEqual({ posted: 20_000, pending: 8_000 }));
    const part = (sequence: number, amount: number) =>
      record(card, amount, { ...withAuthorization(stay), sequence, count: 2 });
    await clear(part(1, 6_000));
    expect(await ledgerBalance(card)).toEqual({ posted: 14_000, pending: 2_000 });
    await clear(part(2, 1_000));
    expect(await ledgerBalance(card)).toEqual({ posted: 13_000, pending: 0 });
  });

  it("of a declined authorization is force posted", async () => {
    const card = await cardWith(500);
    const declined = await authorize(card, 900);
    expect(declined.status).toBe("declined");
    const [txn] = await clear(record(card, 900, withAuthorization(declined)));
    expect(txn).toMatchObject({ type: "force_post", authorization_id: declined.id, shortfall: 400 });
    expect(await ledgerBalance(card)).toEqual({ posted: -400, pending: 0 });
  });
});

describe("a refund", () => {
  it("gives the money back to the card's balance", async () => {
    const card = await cardWith(3_000);
    const authorization = await authorize(card, 2_000);
    await clear(record(card, 2_000, withAuthorization(authorization)));
    const [refund] = await clear(record(card, 800, { kind: "refund" }));
    expect(refund).toMatchObject({ type: "refund", forced: false });
    expect(await ledgerBalance(card)).toEqual({ posted: 1_800, pending: 0 });
  });
});

describe("a clearing file", () => {
  it("read twice, or with a record repeated in another file, changes nothing the second time", async () => {
    const card = await cardWith(10_000);
    const authorization = await authorize(card, 1_000);
    const records = [record(card, 1_000, withAuthorization(authorization)), record(card, 300)];
    const text = formatClearingFile(records);
    const first = await sendFile(text);
    expect([first.accepted, first.duplicates]).toEqual([2, 0]);
    await posted(first.lines.map((line) => line.transaction_id));
    const after = await ledgerBalance(card);
    expect(after).toEqual({ posted: 8_700, pending: 0 });

    const again = await sendFile(text);
    expect([again.accepted, again.duplicates, again.failed]).toEqual([0, 2, 0]);
    expect(again.lines.map((line) => line.transaction_id)).toEqual(first.lines.map((line) => line.transaction_id));
    const another = await sendFile(formatClearingFile([records[1] as ClearingRecord, record(card, 100)]));
    expect([another.accepted, another.duplicates]).toEqual([1, 1]);
    await posted(another.lines.map((line) => line.transaction_id));
    expect(await ledgerBalance(card)).toEqual({ posted: 8_600, pending: 0 });
    const { rows } = await stack.db.pool.query("SELECT count(*)::int AS n FROM account.clearing_postings");
    const { rows: records_ } = await stack.db.pool.query("SELECT count(*)::int AS n FROM clearing.transactions");
    expect(rows[0].n).toBe(records_[0].n);
  });

  it("reports a line it cannot read by its number, and posts the others", async () => {
    const card = await cardWith(10_000);
    const good = formatClearingFile([record(card, 100), record(card, 200)])
      .trimEnd()
      .split("\n");
    const text = [
      good[0],
      good[1],
      "P|123|not a record",
      (good[2] as string).replace("|JPY|", "|yen|"),
      formatClearingFile([record({ ...card, pan: "4000000000000002" }, 50)]).split("\n")[1],
      good[2],
    ].join("\n");
    const summary = await sendFile(text);
    expect(summary.errors).toEqual([
      { line: 3, error: expect.stringContaining("fields") },
      { line: 4, error: expect.stringContaining("currency") },
      { line: 5, error: expect.stringContaining("pan") },
    ]);
    expect([summary.records, summary.accepted, summary.failed]).toEqual([5, 2, 3]);
    expect(JSON.stringify(summary)).not.toContain(card.pan);
    await posted(summary.lines.map((line) => line.transaction_id));
    expect(await ledgerBalance(card)).toEqual({ posted: 9_700, pending: 0 });
  });
});

describe("GET /v1/transactions and the simulations", () => {
  it("clear an authorization through the network's path and show the posted transaction, linked to it", async () => {
    const card = await cardWith(10_000);
    const authorization = await authorize(card, 2_000);
    const cleared = await api("POST", "/v1/simulate/clearings", {
      body: { authorization_id: authorization.id, amount: 1_500 },
    });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(201);
    expect(cleared.body).toMatchObject({
      object: "transaction",
      type: "purchase",
      amount: 1_500,
      currency: "JPY",
      card_id: card.cardId,
      cardholder_id: card.cardholderId,
      authorization_id: authorization.id,
      network: { authorization: authorization.network, sequence: 1, count: 1 },
      hold: { posted_amount: 1_500, released_amount: 500 },
      excess_amount: 0,
      forced: false,
      shortfall_amount: 0,
      livemode: false,
    });
    const consistency = { "Koban-Consistency": cleared.headers.get("koban-consistency") ?? "" };
    expect((await api("GET", `/v1/transactions/${cleared.body.id}`, { headers: consistency })).body).toEqual(
      cleared.body,
    );
    const listed = await api("GET", `/v1/transactions?authorization_id=${authorization.id}`);
    expect(listed.body.data.map((t: { id: string }) => t.id)).toEqual([cleared.body.id]);
    await eventually(async () => {
      expect((await api("GET", `/v1/authorizations/${authorization.id}`)).body.status).toBe("closed");
      const [prepaid] = (await api("GET", `/v1/accounts?cardholder_id=${card.cardholderId}`)).body.data;
      expect(prepaid.balances).toEqual({ available: 8_500, pending: 0, posted: 8_500 });
    });
  });

  it("force post a card's presentment with no authorization below zero, and refund it", async () => {
    const card = await cardWith(1_000);
    const forced = await api("POST", "/v1/simulate/clearings", { body: { card_id: card.cardId, amount: 1_600 } });
    expect(forced.status).toBe(201);
    expect(forced.body).toMatchObject({
      type: "force_post",
      authorization_id: null,
      forced: true,
      shortfall_amount: 600,
    });
    await eventually(async () => {
      const [prepaid] = (await api("GET", `/v1/accounts?cardholder_id=${card.cardholderId}`)).body.data;
      expect(prepaid.balances).toEqual({ available: -600, pending: 0, posted: -600 });
    });
    const refund = await api("POST", "/v1/simulate/refunds", { body: { card_id: card.cardId, amount: 900 } });
    expect(refund.body).toMatchObject({ type: "refund", amount: 900, forced: false, shortfall_amount: 0 });
    const types = (await api("GET", `/v1/transactions?card_id=${card.cardId}`)).body.data.map(
      (t: { type: string }) => t.type,
    );
    expect(types).toEqual(["refund", "force_post"]);
    expect((await api("GET", `/v1/transactions?card_id=${card.cardId}&type=refund`)).body.data).toHaveLength(1);
    expect(await ledgerBalance(card)).toEqual({ posted: 300, pending: 0 });
  });

  it("are another partner's 404, live mode's 403, and refuse bad input changing nothing", async () => {
    const card = await cardWith(1_000);
    const authorization = await authorize(card, 100);
    const [mine] = (await api("GET", "/v1/transactions?limit=1")).body.data;
    const other = await createPartnerWithKey(stack.db.pool, "Clearing Other");
    const theirs = apiClient(stack.apiUrls[0] as string, other.api_key);
    await eventually(async () => expect((await theirs("GET", "/v1/transactions")).status).toBe(200));
    expect((await theirs("GET", "/v1/transactions")).body.data).toEqual([]);
    for (const [method, path, body] of [
      ["GET", `/v1/transactions/${mine.id}`, undefined],
      ["POST", "/v1/simulate/clearings", { authorization_id: authorization.id }],
      ["POST", "/v1/simulate/clearings", { card_id: card.cardId, amount: 1 }],
      ["POST", "/v1/simulate/refunds", { card_id: card.cardId, amount: 1 }],
    ] as const) {
      const response = await theirs(method, path, body === undefined ? {} : { body });
      expect([response.status, response.body.code], `${method} ${path}`).toEqual([404, "resource_not_found"]);
    }
    const live = await createApiKey(stack.db.pool, partnerId, { livemode: true });
    const liveApi = apiClient(stack.apiUrls[0] as string, live.api_key);
    await eventually(async () => expect((await liveApi("GET", "/v1/transactions")).status).toBe(200));
    expect((await liveApi("GET", "/v1/transactions")).body.data).toEqual([]);
    const refused = await liveApi("POST", "/v1/simulate/clearings", { body: { card_id: card.cardId, amount: 1 } });
    expect([refused.status, refused.body.code]).toEqual([403, "permission_denied"]);
    for (const body of [
      {},
      { card_id: card.cardId },
      { authorization_id: authorization.id, amount: 0 },
      { authorization_id: authorization.id, sequence: 2, count: 1 },
      { card_id: card.cardId, amount: 5, merchant: { name: "A|B", mcc: "5814", country: "JP" } },
    ]) {
      const response = await api("POST", "/v1/simulate/clearings", { body });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect((await api("GET", `/v1/transactions?card_id=${card.cardId}`)).body.data).toEqual([]);
    expect((await api("GET", "/v1/transactions/txn_01m8ayvv4mez1rqnr8s0p0g7am")).status).toBe(404);
  });
});

describe("npm run koban -- clearing import", () => {
  it("imports a file from disk with a progress bar, prints a summary, and is a no-op the second time", async () => {
    const card = await cardWith(10_000);
    const dir = await mkdtemp(join(tmpdir(), "koban-clearing-"));
    const path = join(dir, "day.clr");
    const text = formatClearingFile([record(card, 400), record(card, 600)]);
    await writeFile(path, `${text}P|broken\n`);
    const run = async () => {
      const root = fileURLToPath(new URL("../../../", import.meta.url));
      try {
        return {
          code: 0,
          ...(await promisify(execFile)(
            process.execPath,
            ["--import", "tsx", "apps/cli/src/main.ts", "clearing", "import", path],
            { cwd: root, env: { ...process.env, DATABASE_URL: stack.db.url } },
          )),
        };
      } catch (error) {
        return error as { code: number; stdout: string; stderr: string };
      }
    };
    const first = await run();
    expect(first.code).toBe(2);
    expect(first.stderr).toContain("3/3 records");
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ records: 3, accepted: 2, duplicates: 0, failed: 1 });
    expect(summary.errors).toEqual([{ line: 4, error: expect.stringContaining("fields") }]);
    await eventually(async () => expect(await ledgerBalance(card)).toEqual({ posted: 9_000, pending: 0 }));
    const second = JSON.parse((await run()).stdout);
    expect(second).toMatchObject({ records: 3, accepted: 0, duplicates: 2, failed: 1 });
    expect(first.stdout + first.stderr).not.toContain(card.pan);
  });
});

describe("an authorization that expired", () => {
  it("still posts when it clears: a force post, its hold released", async () => {
    const card = await cardWith(5_000);
    const authorization = await authorize(card, 4_000);
    await expireDueHolds(stack.db.pool, new Date(Date.now() + 8 * 24 * 3600 * 1000));
    await eventually(async () => expect(await ledgerBalance(card)).toEqual({ posted: 5_000, pending: 0 }));
    const [txn] = await clear(record(card, 4_000, withAuthorization(authorization)));
    expect(txn).toMatchObject({ type: "force_post", authorization_id: authorization.id, shortfall: 0 });
    expect(await ledgerBalance(card)).toEqual({ posted: 1_000, pending: 0 });
  });
});
