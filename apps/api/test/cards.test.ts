import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { cardRepository, replayCard } from "@koban/card";
import { createPartnerWithKey } from "@koban/cli/partners";
import { apiKeyScopes } from "@koban/contracts";
import { createRedis, Publisher, readStream } from "@koban/messaging";
import { rebuildReadModels } from "@koban/query";
import { eventually, type Stack, startStack, waitForQuiescence } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiResponse, apiClient, individual } from "./client.ts";
import { cardNumbersIn, everyRedisValue, everyRow, luhnValid, plainDump, watchRedis } from "./secrets.ts";

type Client = ReturnType<typeof apiClient>;
type Partner = Awaited<ReturnType<typeof createPartnerWithKey>>;

let stack: Stack;
let redis: Awaited<ReturnType<typeof watchRedis>>;
let a: Partner;
let api: Client;
let other: Client;

/** Every response but those of /details, which alone may carry a card number. */
const responses: string[] = [];
/** The card numbers read through /details: they must be found nowhere else. */
const numbers: string[] = [];

/** A client whose responses (all checked against openapi/ by apiClient) are kept for the scan at the end. */
function recorded(key: string): Client {
  const client = apiClient(stack.apiUrls[0] as string, key);
  return async (method, path, options) => {
    const response = await client(method, path, options);
    if (!path.includes("/details")) {
      responses.push(`${method} ${path} ${JSON.stringify([...response.headers])} ${JSON.stringify(response.body)}`);
    }
    return response;
  };
}

/** A partner whose key and test program the query side already shows. */
async function partner(name: string, options: Parameters<typeof createPartnerWithKey>[2] = {}) {
  const created = await createPartnerWithKey(stack.db.pool, name, options);
  const client = recorded(created.api_key);
  if (!options.scopes || options.scopes.includes("programs:read")) {
    await eventually(async () => expect((await client("GET", "/v1/programs")).body.data).toHaveLength(1));
  }
  return { ...created, client };
}

const consistent = (response: ApiResponse) => ({
  headers: { "koban-consistency": response.headers.get("koban-consistency") as string },
});

async function cardholder(client: Client, name = "Aiko"): Promise<string> {
  const created = await client("POST", "/v1/cardholders", {
    body: { ...individual(name, "Sato"), kyc: { method: "partner" } },
  });
  expect([created.status, created.body.kyc_status]).toEqual([201, "verified"]);
  return created.body.id;
}

async function issue(client: Client, body: object): Promise<ApiResponse> {
  const issued = await client("POST", "/v1/cards", { body });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  return issued;
}

const act = (client: Client, id: string, action: string, body?: object) =>
  client("POST", `/v1/cards/${id}/${action}`, body === undefined ? {} : { body });

const root = fileURLToPath(new URL("../../../", import.meta.url));
async function koban(args: string[]) {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "apps/cli/src/main.ts", ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: stack.db.url } },
    );
    return { code: 0, stdout, stderr: "" };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  stack = await startStack();
  redis = await watchRedis(stack.bus);
  const created = await partner("Cards A");
  a = created;
  api = created.client;
  other = (await partner("Cards B")).client;
});

afterAll(async () => {
  await redis?.stop();
  await stack?.stop();
});

describe("programs", () => {
  it("shows a new partner its test program, and no one else's", async () => {
    const list = await api("GET", "/v1/programs");
    expect(list.body).toMatchObject({ object: "list", has_more: false, next_cursor: null });
    const [program] = list.body.data;
    expect(program).toMatchObject({
      id: a.program_id,
      object: "program",
      livemode: false,
      currency: "JPY",
      timezone: "Asia/Tokyo",
      bin_prefix: "42424242",
      default_funding_source_id: null,
    });
    expect((await api("GET", `/v1/programs/${a.program_id}`)).body).toEqual(program);
    const foreign = await other("GET", `/v1/programs/${a.program_id}`);
    expect([foreign.status, foreign.body.code, foreign.body.param]).toEqual([404, "resource_not_found", "id"]);
  });

  it("are created by staff with the CLI, checked before anything is sent", async () => {
    const b = await partner("Cards CLI");
    const created = await koban([
      "program",
      "create",
      ...["--partner", b.partner_id, "--name", "Dollar cards", "--currency", "USD"],
      ...["--timezone", "America/New_York", "--bin", "41111111"],
    ]);
    expect(created.code).toBe(0);
    const { program_id } = JSON.parse(created.stdout);
    const read = await b.client("GET", `/v1/programs/${program_id}`);
    expect(read.body).toMatchObject({ name: "Dollar cards", currency: "USD", timezone: "America/New_York" });

    const bad = await koban(["program", "create", "--partner", b.partner_id, "--name", "X", "--currency", "YEN"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--timezone");
    const badZone = await koban([
      "program",
      "create",
      ...["--partner", b.partner_id, "--name", "X", "--currency", "JPY", "--timezone", "Mars/Olympus"],
      ...["--bin", "424242"],
    ]);
    expect([badZone.code, badZone.stderr]).toEqual([1, expect.stringContaining("Invalid timezone")]);

    // Two programs: a card must now name its own.
    const holder = await cardholder(b.client);
    const ambiguous = await b.client("POST", "/v1/cards", { body: { cardholder_id: holder, type: "virtual" } });
    expect([ambiguous.status, ambiguous.body.code, ambiguous.body.param]).toEqual([
      400,
      "parameter_missing",
      "program_id",
    ]);
    const named = await issue(b.client, { cardholder_id: holder, type: "virtual", program_id });
    expect(named.body.program_id).toBe(program_id);
  });
});

describe("issuing", () => {
  it("issues a virtual card on the partner's only program to a cardholder registered a moment before", async () => {
    // Card's own copy of the cardholder may still be on its way: it is waited for, not refused.
    const pairs = await Promise.all(
      ["Ren", "Mio", "Sora", "Yuna", "Haru"].map(async (name) => {
        const holder = await cardholder(api, name);
        return { holder, card: await issue(api, { cardholder_id: holder, type: "virtual" }) };
      }),
    );
    for (const { holder, card } of pairs) {
      expect(card.body).toMatchObject({
        object: "card",
        livemode: false,
        cardholder_id: holder,
        program_id: a.program_id,
        type: "virtual",
        status: "inactive",
        spend_controls: { amount_limits: { per_authorization: null }, allowed_mccs: [] },
        closed_reason: null,
        replacement_for: null,
        replacement_reason: null,
        replaced_by: null,
      });
      expect(card.body.id).toMatch(/^card_/);
      expect(card.body.last4).toMatch(/^\d{4}$/);
      expect(card.body.exp_year).toBeGreaterThan(new Date().getFullYear());
      expect(JSON.stringify(card.body)).not.toMatch(/pan|cvc|digest|number/i);
    }
  });

  it("waits for card's copy of the cardholder when it lags, rather than refusing", async () => {
    // Card's subscriptions are held back, so its copy of the new cardholder cannot arrive yet.
    const connection = createRedis(stack.bus.redisUrl);
    const publisher = new Publisher(connection, stack.bus.names);
    const cardEvents = publisher.queue(stack.bus.names.eventQueue("card"));
    await cardEvents.pause();
    try {
      const holder = await cardholder(api, "Late");
      const issuing = api("POST", "/v1/cards", { body: { cardholder_id: holder, type: "virtual" } });
      await eventually(async () => {
        const { rows } = await stack.db.pool.query(
          `SELECT reason FROM bus.scheduled
           WHERE envelope->>'type' = 'IssueCard' AND envelope->'payload'->>'cardholder_id' = $1`,
          [holder],
        );
        expect(rows[0]?.reason).toMatch(/FactNotYetCopied: cardholder/);
      });
      await cardEvents.resume();
      const issued = await issuing;
      expect([issued.status, issued.body.cardholder_id]).toEqual([201, holder]);
    } finally {
      await cardEvents.resume();
      await publisher.close();
      connection.disconnect();
    }
  });

  it("refuses what breaks card's rules with 4xx problems", async () => {
    const unknownHolder = await api("POST", "/v1/cards", {
      body: { cardholder_id: "ch_01m8ayvv4mez1rqnr8s04eww7a", type: "virtual" },
    });
    expect([unknownHolder.status, unknownHolder.body.code, unknownHolder.body.param]).toEqual([
      422,
      "cardholder_not_found",
      "cardholder_id",
    ]);
    const holder = await cardholder(api, "Closing");
    const unknownProgram = await api("POST", "/v1/cards", {
      body: { cardholder_id: holder, type: "virtual", program_id: "prg_01m8ayvv4mez1rqnr8s0p0g7am" },
    });
    expect([unknownProgram.status, unknownProgram.body.code]).toEqual([422, "program_not_found"]);
    const otherProgram = await other("GET", "/v1/programs");
    const foreignProgram = await api("POST", "/v1/cards", {
      body: { cardholder_id: holder, type: "virtual", program_id: otherProgram.body.data[0].id },
    });
    expect([foreignProgram.status, foreignProgram.body.code]).toEqual([422, "program_not_found"]);
    const foreignHolder = await other("POST", "/v1/cards", { body: { cardholder_id: holder, type: "virtual" } });
    expect([foreignHolder.status, foreignHolder.body.code]).toEqual([422, "cardholder_not_found"]);

    expect((await api("PATCH", `/v1/cardholders/${holder}`, { body: { status: "closed" } })).status).toBe(200);
    await eventually(async () => {
      const { rows } = await stack.db.pool.query("SELECT status FROM card.cardholders WHERE id = $1", [holder]);
      expect(rows[0]?.status).toBe("closed");
    });
    const closed = await api("POST", "/v1/cards", { body: { cardholder_id: holder, type: "virtual" } });
    expect([closed.status, closed.body.code, closed.body.param]).toEqual([422, "cardholder_closed", "cardholder_id"]);

    const incoherent = await api("POST", "/v1/cards", {
      body: {
        cardholder_id: await cardholder(api, "Limits"),
        type: "virtual",
        spend_controls: { amount_limits: { per_authorization: 10_000, daily: 5_000 } },
      },
    });
    expect([incoherent.status, incoherent.body.code, incoherent.body.param]).toEqual([
      400,
      "parameter_invalid",
      "spend_controls.amount_limits.per_authorization",
    ]);
    const mixed = await api("POST", "/v1/cards", {
      body: { replacement_for: "card_01m8ayvv4mez1rqnr8s0c4rd01", replacement_reason: "lost", type: "virtual" },
    });
    expect([mixed.status, mixed.body.code, mixed.body.param]).toEqual([400, "parameter_unknown", "type"]);
  });
});

describe("a card's life", () => {
  let holder: string;
  let original: ApiResponse;
  const controls = { amount_limits: { per_authorization: 50_000, monthly: 300_000 }, blocked_mccs: ["7995"] };

  beforeAll(async () => {
    holder = await cardholder(api, "Kenji");
    original = await issue(api, { cardholder_id: holder, type: "physical", spend_controls: controls });
  });

  it("is activated, frozen, unfrozen and its controls changed, each answered with the card as it is now", async () => {
    const id = original.body.id;
    expect(original.body.spend_controls).toMatchObject({
      amount_limits: { per_authorization: 50_000, daily: null, monthly: 300_000, lifetime: null },
      blocked_mccs: ["7995"],
      allowed_countries: [],
    });
    for (const [action, status] of [
      ["activate", "active"],
      ["freeze", "frozen"],
      ["unfreeze", "active"],
    ] as const) {
      const changed = await act(api, id, action);
      expect([changed.status, changed.body.status]).toEqual([200, status]);
      expect((await api("GET", `/v1/cards/${id}`, consistent(changed))).body).toEqual(changed.body);
    }
    const again = await act(api, id, "activate");
    expect([again.status, again.body.status]).toEqual([200, "active"]);

    const patched = await api("PATCH", `/v1/cards/${id}`, {
      body: { spend_controls: { ...controls, allowed_countries: ["JP"] } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.spend_controls.allowed_countries).toEqual(["JP"]);
  });

  it("is closed as lost and replaced: the replacement keeps cardholder, program and controls", async () => {
    const id = original.body.id;
    const closed = await act(api, id, "close", { reason: "lost" });
    expect(closed.body).toMatchObject({ status: "closed", closed_reason: "lost" });

    const replacement = await issue(api, { replacement_for: id, replacement_reason: "lost" });
    expect(replacement.body).toMatchObject({
      cardholder_id: holder,
      program_id: a.program_id,
      type: "physical",
      status: "inactive",
      spend_controls: { ...original.body.spend_controls, allowed_countries: ["JP"] },
      replacement_for: id,
      replacement_reason: "lost",
    });
    expect(replacement.body.id).not.toBe(id);
    // The replace's token covers both cards: the original reads as replaced at once.
    const old = await api("GET", `/v1/cards/${id}`, consistent(replacement));
    expect(old.body).toMatchObject({ status: "closed", closed_reason: "lost", replaced_by: replacement.body.id });
  });

  it("refuses moves its status does not allow with 409", async () => {
    const id = original.body.id;
    const fresh = await issue(api, { cardholder_id: holder, type: "virtual" });
    const refused = [
      await act(api, id, "activate"),
      await act(api, id, "freeze"),
      await api("PATCH", `/v1/cards/${id}`, { body: { spend_controls: {} } }),
      await api("POST", "/v1/cards", { body: { replacement_for: id, replacement_reason: "stolen" } }),
      await act(api, fresh.body.id, "freeze"),
      await act(api, fresh.body.id, "unfreeze"),
    ];
    for (const response of refused) {
      expect([response.status, response.body.code]).toEqual([409, "invalid_state_transition"]);
    }
    await act(api, fresh.body.id, "close", { reason: "cardholder_request" });
    const notReplaced = await api("POST", "/v1/cards", {
      body: { replacement_for: fresh.body.id, replacement_reason: "lost" },
    });
    expect([notReplaced.status, notReplaced.body.code]).toEqual([409, "invalid_state_transition"]);
  });

  it("is nowhere to be found by another partner: 404 on every card endpoint", async () => {
    const id = original.body.id;
    const attempts = [
      await other("GET", `/v1/cards/${id}`),
      await other("PATCH", `/v1/cards/${id}`, { body: { spend_controls: {} } }),
      await act(other, id, "activate"),
      await act(other, id, "freeze"),
      await act(other, id, "unfreeze"),
      await act(other, id, "close", { reason: "fraud" }),
      await other("GET", `/v1/cards/${id}/details`),
    ];
    for (const response of attempts) {
      expect([response.status, response.body.code, response.body.param]).toEqual([404, "resource_not_found", "id"]);
    }
    const replace = await other("POST", "/v1/cards", { body: { replacement_for: id, replacement_reason: "lost" } });
    expect([replace.status, replace.body.param]).toEqual([404, "replacement_for"]);
    expect((await other("GET", "/v1/cards?limit=100")).body.data.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await api("GET", `/v1/cards/${id}`)).body.closed_reason).toBe("lost");
  });
});

describe("listing", () => {
  it("filters by cardholder, status, type and creation time, and pages with a cursor", async () => {
    const holder = await cardholder(api, "Many");
    const ids: string[] = [];
    for (const type of ["virtual", "physical", "virtual", "virtual", "physical"]) {
      ids.push((await issue(api, { cardholder_id: holder, type })).body.id);
    }
    const activated = await act(api, ids[0] as string, "activate");
    const after = (await api("GET", `/v1/cards/${ids[2]}`)).body.created_at;

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2&cardholder_id=${holder}${cursor ? `&starting_after=${cursor}` : ""}`;
      const page = await api("GET", `/v1/cards${query}`, consistent(activated));
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((c: { id: string }) => c.id));
      cursor = page.body.has_more ? page.body.next_cursor : null;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const list = async (query: string) =>
      (await api("GET", `/v1/cards?cardholder_id=${holder}&${query}`)).body.data.map((c: { id: string }) => c.id);
    expect(await list("type=physical")).toEqual([ids[4], ids[1]]);
    expect(await list("status=active")).toEqual([ids[0]]);
    expect(await list("status=inactive&type=virtual")).toEqual([ids[3], ids[2]]);
    expect(await list(`created_gte=${after}`)).toEqual([ids[4], ids[3], ids[2]]);
    expect(await list(`created_lt=${after}`)).toEqual([ids[1], ids[0]]);
    const bad = await api("GET", "/v1/cards?status=lost");
    expect([bad.status, bad.body.code, bad.body.param]).toEqual([400, "parameter_invalid", "status"]);
  });
});

describe("GET /v1/cards/{id}/details", () => {
  it("gives a key with cards:read_sensitive the number and code, audited, never cached", async () => {
    const holder = await cardholder(api, "Secret");
    const card = (await issue(api, { cardholder_id: holder, type: "virtual" })).body;
    const details = await api("GET", `/v1/cards/${card.id}/details`);
    expect(details.status).toBe(200);
    expect(details.headers.get("cache-control")).toBe("no-store");
    const { number, cvc, exp_month, exp_year } = details.body;
    numbers.push(number);
    expect(number).toMatch(/^42424242\d{8}$/);
    expect(luhnValid(number)).toBe(true);
    expect(number.slice(-4)).toBe(card.last4);
    expect(cvc).toMatch(/^\d{3}$/);
    expect([exp_month, exp_year]).toEqual([card.exp_month, card.exp_year]);

    const { rows } = await stack.db.pool.query(
      "SELECT partner_id, livemode, actor_type, actor_id, request_id FROM card.sensitive_reads WHERE card_id = $1",
      [card.id],
    );
    expect(rows).toEqual([
      {
        partner_id: a.partner_id,
        livemode: false,
        actor_type: "api_key",
        actor_id: a.api_key_id,
        request_id: details.headers.get("request-id"),
      },
    ]);
  });

  it("refuses a key without cards:read_sensitive with 403, and records no read", async () => {
    const limited = await partner("Cards Limited", {
      scopes: apiKeyScopes.filter((scope) => scope !== "cards:read_sensitive"),
    });
    const holder = await cardholder(limited.client, "Limited");
    const card = (await issue(limited.client, { cardholder_id: holder, type: "virtual" })).body;
    const refused = await limited.client("GET", `/v1/cards/${card.id}/details`);
    expect([refused.status, refused.body.code]).toEqual([403, "permission_denied"]);
    const { rows } = await stack.db.pool.query("SELECT 1 FROM card.sensitive_reads WHERE card_id = $1", [card.id]);
    expect(rows).toEqual([]);

    const readOnly = await partner("Cards Read Only", { scopes: ["cards:read", "programs:read"] });
    const write = await readOnly.client("POST", "/v1/cards", { body: { cardholder_id: holder, type: "virtual" } });
    expect([write.status, write.body.code]).toEqual([403, "permission_denied"]);
  });
});

describe("the read side and the card context", () => {
  it("rebuilt from the event store, the read models equal the live ones", async () => {
    const snapshot = async () =>
      Promise.all(
        ["cards", "programs", "api_keys", "events"].map(async (table) =>
          (await stack.db.pool.query(`SELECT * FROM query.${table} ORDER BY 1`)).rows.map((row) => JSON.stringify(row)),
        ),
      );
    await waitForQuiescence(stack.db.pool);
    const live = await snapshot();
    expect(live[0]?.length).toBeGreaterThan(10);
    await rebuildReadModels(stack.db.pool);
    expect(await snapshot()).toEqual(live);
  });

  it("card's tables equal its streams replayed from the event store", async () => {
    await waitForQuiescence(stack.db.pool);
    const { rows } = await stack.db.pool.query("SELECT id, partner_id, livemode FROM card.cards");
    for (const row of rows) {
      const tenant = { partnerId: row.partner_id, livemode: row.livemode };
      expect(replayCard(await readStream(stack.db.pool, row.id))).toEqual(
        await cardRepository.load(stack.db.pool, tenant, row.id),
      );
    }
  });
});

describe("card numbers", () => {
  it("appear nowhere but in /details: not in responses, logs, tables or Redis", async () => {
    expect(numbers.length).toBeGreaterThan(0);
    const { rows } = await stack.db.pool.query<{ pan_digest: string }>("SELECT pan_digest FROM card.vault LIMIT 1");
    const places = {
      responses: responses.join("\n"),
      logs: [...stack.apis, stack.worker, stack.query].flatMap((app) => app.output).join("\n"),
      tables: await everyRow(stack.db.pool),
      dump: await plainDump(stack.db.url),
      redisNow: await everyRedisValue(stack.bus),
      redisTraffic: redis.seen(),
    };
    // The scans see what they should: Redis carried card events (with their digests), logs were written.
    expect(places.redisTraffic).toContain(rows[0]?.pan_digest);
    expect(places.logs).toContain("IssueCard");
    for (const [place, text] of Object.entries(places)) {
      for (const number of numbers) expect(text.includes(number), `${place} holds a card number`).toBe(false);
      expect(cardNumbersIn(text), `${place} holds something like a card number`).toEqual([]);
    }
  });
});
