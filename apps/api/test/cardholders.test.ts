import { cardholderRepository, replayCardholder } from "@koban/cardholder";
import { createPartnerWithKey } from "@koban/cli/partners";
import { readStream } from "@koban/messaging";
import { rebuildReadModels } from "@koban/query";
import { eventually, type Stack, startStack, waitForQuiescence } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, individual } from "./client.ts";

let stack: Stack;
let api: ReturnType<typeof apiClient>;
let other: ReturnType<typeof apiClient>;

async function partnerClient(name: string, url: string) {
  const { api_key } = await createPartnerWithKey(stack.db.pool, name);
  const client = apiClient(url, api_key);
  await eventually(async () => expect((await client("GET", "/v1/cardholders")).status).toBe(200));
  return client;
}

const countRows = async (sql: string) => Number((await stack.db.pool.query(sql)).rows[0].count);

beforeAll(async () => {
  stack = await startStack({ facades: 2 });
  api = await partnerClient("Partner A", stack.apiUrls[0] as string);
  other = await partnerClient("Partner B", stack.apiUrls[0] as string);
});

afterAll(async () => {
  await stack?.stop();
});

describe("POST /v1/cardholders", () => {
  it("registers a cardholder and answers with it as the query side renders it", async () => {
    const created = await api("POST", "/v1/cardholders", {
      body: { ...individual("Aiko", "Sato"), email: "aiko@example.com", metadata: { user_id: "u_1" } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      object: "cardholder",
      livemode: false,
      type: "individual",
      status: "active",
      kyc_status: "pending",
      individual: { first_name: "Aiko", last_name: "Sato" },
      email: "aiko@example.com",
      metadata: { user_id: "u_1" },
    });
    expect(created.headers.get("request-id")).toMatch(/^req_/);
    const consistency = created.headers.get("koban-consistency");
    expect(consistency).toBeTruthy();

    const read = await api("GET", `/v1/cardholders/${created.body.id}`, {
      headers: { "koban-consistency": consistency as string },
    });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it("refuses a domain rule with a problem, and changes nothing", async () => {
    const person = await api("POST", "/v1/cardholders", { body: individual("Kenji") });
    await waitForQuiescence(stack.db.pool);
    const events = await countRows("SELECT count(*) FROM eventstore.events");
    const cardholders = await countRows("SELECT count(*) FROM cardholder.cardholders");

    const refused = await api("POST", "/v1/cardholders", {
      body: { ...individual("Yui"), business_id: person.body.id },
    });
    expect(refused.status).toBe(422);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: "business_not_found", param: "business_id", status: 422 });

    // Everything the refusal set going has been relayed: a stray event would be in the store now.
    await waitForQuiescence(stack.db.pool);
    expect(await countRows("SELECT count(*) FROM eventstore.events")).toBe(events);
    expect(await countRows("SELECT count(*) FROM cardholder.cardholders")).toBe(cardholders);
  });

  it("lets an individual belong to a business of the same partner only", async () => {
    const business = await api("POST", "/v1/cardholders", {
      body: { type: "business", business: { legal_name: "Acme KK" } },
    });
    expect(business.status).toBe(201);
    const employee = await api("POST", "/v1/cardholders", {
      body: { ...individual("Haruto"), business_id: business.body.id },
    });
    expect(employee.status).toBe(201);
    expect(employee.body.business_id).toBe(business.body.id);

    const foreign = await other("POST", "/v1/cardholders", {
      body: { ...individual("Sota"), business_id: business.body.id },
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.code).toBe("business_not_found");
  });

  it("rejects bad input with the offending parameter", async () => {
    const cases: Array<[unknown, number, string, string | undefined]> = [
      [{ type: "individual" }, 400, "parameter_missing", "individual"],
      [{ ...individual("A"), nickname: "x" }, 400, "parameter_unknown", "nickname"],
      [{ type: "robot" }, 400, "parameter_invalid", "type"],
      [{ ...individual("A"), email: "not-an-email" }, 400, "parameter_invalid", "email"],
      [{ ...individual("A"), phone_number: "090-1234" }, 400, "parameter_invalid", "phone_number"],
      [
        { type: "individual", individual: { first_name: 7, last_name: "B" } },
        400,
        "parameter_invalid",
        "individual.first_name",
      ],
    ];
    const before = await countRows("SELECT count(*) FROM api.outbox");
    for (const [body, status, code, param] of cases) {
      const response = await api("POST", "/v1/cardholders", { body });
      expect({ status: response.status, code: response.body.code, param: response.body.param }).toEqual({
        status,
        code,
        param,
      });
    }
    const malformed = await api("POST", "/v1/cardholders", { rawBody: '{"type": "individual",' });
    expect([malformed.status, malformed.body.code]).toEqual([400, "invalid_json"]);
    const huge = await api("POST", "/v1/cardholders", {
      body: { ...individual("A"), metadata: { blob: "x".repeat(100_000) } },
    });
    expect([huge.status, huge.body.code]).toEqual([413, "payload_too_large"]);
    expect(await countRows("SELECT count(*) FROM api.outbox")).toBe(before);
  });
});

describe("Idempotency-Key", () => {
  it("replays the first response for the same request", async () => {
    const headers = { "idempotency-key": "create-mei-1" };
    const first = await api("POST", "/v1/cardholders", { body: individual("Mei"), headers });
    const again = await api("POST", "/v1/cardholders", { body: individual("Mei"), headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(
      await countRows(`SELECT count(*) FROM cardholder.cardholders WHERE details->'individual'->>'first_name' = 'Mei'`),
    ).toBe(1);
  });

  it("refuses the same key with another body (422), and never creates twice for a concurrent duplicate", async () => {
    const headers = { "idempotency-key": "create-ren-1" };
    const [a, b] = await Promise.all([
      api("POST", "/v1/cardholders", { body: individual("Ren"), headers }),
      api("POST", "/v1/cardholders", { body: individual("Ren"), headers }),
    ]);
    // The duplicate either finds the first in progress (409) or, if the first already finished, gets its
    // answer replayed; never a second cardholder.
    const statuses = [a.status, b.status].sort();
    if (statuses[1] === 409) {
      expect(statuses).toEqual([201, 409]);
      expect([a, b].find((r) => r.status === 409)?.body.code).toBe("idempotency_in_progress");
    } else {
      expect(statuses).toEqual([201, 201]);
      expect(b.body.id).toBe(a.body.id);
    }

    const reused = await api("POST", "/v1/cardholders", { body: individual("Rin"), headers });
    expect([reused.status, reused.body.code, reused.body.param]).toEqual([
      422,
      "idempotency_key_reused",
      "Idempotency-Key",
    ]);
  });

  it("is scoped to the partner", async () => {
    const headers = { "idempotency-key": "shared-key" };
    const mine = await api("POST", "/v1/cardholders", { body: individual("Sora"), headers });
    const theirs = await other("POST", "/v1/cardholders", { body: individual("Sora"), headers });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });
});

describe("reads", () => {
  it("lists newest first with cursor pagination and filters", async () => {
    const names = ["P1", "P2", "P3", "P4", "P5"];
    const ids: string[] = [];
    for (const name of names) ids.push((await other("POST", "/v1/cardholders", { body: individual(name) })).body.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2&type=individual${cursor ? `&starting_after=${cursor}` : ""}`;
      const page = await other("GET", `/v1/cardholders${query}`);
      expect(page.status).toBe(200);
      expect(page.body.object).toBe("list");
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((c: { id: string }) => c.id));
      cursor = page.body.has_more ? page.body.next_cursor : null;
    } while (cursor);
    expect(seen.slice(0, 5)).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(seen.length);

    const businesses = await other("GET", "/v1/cardholders?type=business");
    expect(businesses.body.data).toEqual([]);
  });

  it("never shows another partner's cardholder: its id is a 404", async () => {
    const mine = await api("POST", "/v1/cardholders", { body: individual("Private") });
    const theirs = await other("GET", `/v1/cardholders/${mine.body.id}`);
    expect([theirs.status, theirs.body.code]).toEqual([404, "resource_not_found"]);
    const list = await other("GET", "/v1/cardholders?limit=100");
    expect(list.body.data.map((c: { id: string }) => c.id)).not.toContain(mine.body.id);
  });

  it("needs a valid key", async () => {
    const anonymous = apiClient(stack.apiUrls[0] as string, undefined);
    expect((await anonymous("GET", "/v1/cardholders")).body.code).toBe("authentication_required");
    const forged = apiClient(stack.apiUrls[0] as string, "kb_test_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    const response = await forged("GET", "/v1/cardholders");
    expect([response.status, response.body.code]).toEqual([401, "invalid_api_key"]);
  });
});

describe("two facade processes", () => {
  it("each get only their own replies", async () => {
    const [urlA, urlB] = stack.apiUrls as [string, string];
    const key = (await createPartnerWithKey(stack.db.pool, "Partner C")).api_key;
    const viaA = apiClient(urlA, key);
    const viaB = apiClient(urlB, key);
    await eventually(async () => expect((await viaB("GET", "/v1/cardholders")).status).toBe(200));
    const requests = Array.from({ length: 30 }, (_, i) => {
      const client = i % 2 === 0 ? viaA : viaB;
      return client("POST", "/v1/cardholders", { body: individual(`Caller${i}`) }).then((r) => ({ i, r }));
    });
    for (const { i, r } of await Promise.all(requests)) {
      expect(r.status).toBe(201);
      expect(r.body.individual.first_name).toBe(`Caller${i}`);
    }
  });
});

describe("a write slower than the facade's wait", () => {
  it("answers 202 with an operation that completes", async () => {
    const impatient = await stack.startApi({ COMMAND_WAIT_MS: "1" });
    const key = (await createPartnerWithKey(stack.db.pool, "Partner D")).api_key;
    const client = apiClient(impatient.url, key);
    await eventually(async () => expect((await client("GET", "/v1/cardholders")).status).toBe(200));

    const accepted = await client("POST", "/v1/cardholders", { body: individual("Slow") });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ object: "operation", status: "pending", resource: null, error: null });
    expect(accepted.headers.get("location")).toBe(`/v1/operations/${accepted.body.id}`);

    const done = await eventually(async () => {
      const operation = await client("GET", `/v1/operations/${accepted.body.id}`);
      expect(operation.body.status).toBe("succeeded");
      return operation.body;
    });
    expect(done.resource.type).toBe("cardholder");
    const cardholder = await client("GET", `/v1/cardholders/${done.resource.id}`);
    expect(cardholder.body.individual.first_name).toBe("Slow");
    expect((await other("GET", `/v1/operations/${accepted.body.id}`)).status).toBe(404);
  });
});

describe("a facade process that dies before its answer arrives", () => {
  it("leaves an operation that another facade completes", async () => {
    const doomed = await stack.startApi({ COMMAND_WAIT_MS: "1" });
    const key = (await createPartnerWithKey(stack.db.pool, "Partner E")).api_key;
    const viaDoomed = apiClient(doomed.url, key);
    const viaSurvivor = apiClient(stack.apiUrls[0] as string, key);
    await eventually(async () => expect((await viaDoomed("GET", "/v1/cardholders")).status).toBe(200));

    // The worker is paused, so no answer can come before the asking process is gone.
    stack.worker.child.kill("SIGSTOP");
    try {
      const accepted = await viaDoomed("POST", "/v1/cardholders", { body: individual("Orphan") });
      expect(accepted.status).toBe(202);
      await doomed.process.kill();
      stack.worker.child.kill("SIGCONT");
      const done = await eventually(async () => {
        const operation = await viaSurvivor("GET", `/v1/operations/${accepted.body.id}`);
        expect(operation.body.status).toBe("succeeded");
        return operation.body;
      }, 20_000);
      expect((await viaSurvivor("GET", `/v1/cardholders/${done.resource.id}`)).body.individual.first_name).toBe(
        "Orphan",
      );
    } finally {
      stack.worker.child.kill("SIGCONT");
    }
  });
});

describe("tracing", () => {
  it("carries one trace id from the HTTP request through the command, the event and the materializer", async () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const created = await api("POST", "/v1/cardholders", {
      body: individual("Traced"),
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(created.status).toBe(201);
    const logsOf = (lines: Array<Record<string, unknown>>) => lines.filter((line) => line.trace_id === traceId);
    await eventually(() => {
      const api = logsOf(stack.apis.flatMap((p) => p.logs));
      const worker = logsOf(stack.worker.logs);
      expect(api.some((line) => line.msg === "request" && line.route === "/v1/cardholders")).toBe(true);
      expect(worker.some((line) => line.context === "cardholder" && line.message_type === "RegisterCardholder")).toBe(
        true,
      );
      expect(worker.some((line) => line.context === "query" && line.message_type === "CardholderRegistered")).toBe(
        true,
      );
    });
    const correlation = stack.worker.logs.find(
      (line) => line.trace_id === traceId && line.message_type === "RegisterCardholder",
    )?.correlation_id;
    const materialized = stack.worker.logs.find(
      (line) => line.trace_id === traceId && line.message_type === "CardholderRegistered",
    );
    expect(materialized?.correlation_id).toBe(correlation);
  });
});

describe("read model rebuild", () => {
  it("rebuilt from the event store equals the live one", async () => {
    const snapshot = async () =>
      (await stack.db.pool.query("SELECT * FROM query.cardholders ORDER BY id")).rows.map((row) => JSON.stringify(row));
    await waitForQuiescence(stack.db.pool);
    const live = await snapshot();
    expect(live.length).toBeGreaterThan(10);
    await rebuildReadModels(stack.db.pool);
    expect(await snapshot()).toEqual(live);
  });
});

describe("context state", () => {
  it("replayed from each stream in the event store equals the cardholder context's tables", async () => {
    const { rows } = await stack.db.pool.query("SELECT id, partner_id, livemode FROM cardholder.cardholders");
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      const tenant = { partnerId: row.partner_id, livemode: row.livemode };
      const stored = await cardholderRepository.load(stack.db.pool, tenant, row.id);
      expect(replayCardholder(await readStream(stack.db.pool, row.id))).toEqual(stored);
    }
  });
});
