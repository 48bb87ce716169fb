import { cardholderRepository, replayCardholder } from "@koban/cardholder";
import { createPartnerWithKey } from "@koban/cli/partners";
import { apiKeyScopes, CreateApiKey, newId, RecordKycResult } from "@koban/contracts";
import { transaction } from "@koban/db";
import { appendToOutbox, createCommand, createRedis, Publisher, readStream } from "@koban/messaging";
import { generateApiKey } from "@koban/partner";
import { rebuildReadModels } from "@koban/query";
import { eventually, type Stack, startStack, waitForQuiescence } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, individual } from "./client.ts";

type Client = ReturnType<typeof apiClient>;

let stack: Stack;
let api: Client;
let other: Client;
let partnerId: string;

async function ready(client: Client): Promise<Client> {
  await eventually(async () => expect((await client("GET", "/v1/cardholders")).status).toBe(200));
  return client;
}

/** A live-mode key for a partner, created the way the CLI creates keys: a command through the facade's outbox. */
async function liveKey(partner: string): Promise<string> {
  const key = generateApiKey(true);
  const command = createCommand(
    CreateApiKey,
    {
      api_key_id: newId("key"),
      livemode: true,
      key_hash: key.hash,
      redacted_key: key.redacted,
      scopes: [...apiKeyScopes],
    },
    { source: "cli", tenant: { partnerId: partner, livemode: true } },
  );
  await transaction(stack.db.pool, (tx) => appendToOutbox(tx, "api", [command]));
  return key.key;
}

const url = () => stack.apiUrls[0] as string;
const register = (client: Client, body: object) => client("POST", "/v1/cardholders", { body });
const patch = (client: Client, id: string, body: object) => client("PATCH", `/v1/cardholders/${id}`, { body });
const simulateKyc = (client: Client, id: string, body: object) =>
  client("POST", `/v1/simulate/cardholders/${id}/kyc`, { body });

async function newCardholder(body: object = individual("Lifecycle")): Promise<string> {
  const created = await register(api, body);
  expect(created.status).toBe(201);
  return created.body.id;
}

/**
 * The stream as the event store has it once the relay is done with it: an event can reach the
 * read model a moment before the relay's append commits, so a read right after a write waits.
 */
const streamOf = async (id: string) => {
  await waitForQuiescence(stack.db.pool);
  return (await readStream(stack.db.pool, id)).map((event) => [event.type, event.stream?.version]);
};

const tokyo = { line1: "1-2-3 Jingumae", city: "Shibuya-ku", state: "Tokyo", postal_code: "150-0001", country: "JP" };

beforeAll(async () => {
  stack = await startStack();
  const a = await createPartnerWithKey(stack.db.pool, "Lifecycle A");
  partnerId = a.partner_id;
  api = await ready(apiClient(url(), a.api_key));
  other = await ready(apiClient(url(), (await createPartnerWithKey(stack.db.pool, "Lifecycle B")).api_key));
});

afterAll(async () => {
  await stack?.stop();
});

describe("registering with KYC", () => {
  it("takes the partner's own KYC as verified at once, as the stream's second event", async () => {
    const created = await register(api, {
      ...individual("Kenji", "Watanabe"),
      address: tokyo,
      kyc: { method: "partner", verified_at: "2025-11-20T09:00:00+09:00", reference: "ekyc-42" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: "active",
      kyc_status: "verified",
      address: { ...tokyo, line2: null },
    });
    expect(await streamOf(created.body.id)).toEqual([
      ["CardholderRegistered", 1],
      ["CardholderKycVerified", 2],
    ]);
    const [, verified] = await readStream(stack.db.pool, created.body.id);
    expect(verified?.payload).toMatchObject({
      source: "partner",
      reference: "ekyc-42",
      decided_at: "2025-11-20T00:00:00.000Z",
    });
  });

  it("leaves a cardholder without an attestation pending, for Koban's compliance staff", async () => {
    const created = await register(api, individual("Pending"));
    expect([created.status, created.body.kyc_status, created.body.address]).toEqual([201, "pending", null]);
  });
});

describe("POST /v1/simulate/cardholders/{id}/kyc", () => {
  it.each(["verified", "rejected", "needs_review"])("moves a pending cardholder to %s", async (status) => {
    const id = await newCardholder();
    const simulated = await simulateKyc(api, id, { status, reason: "simulated" });
    expect(simulated.status).toBe(200);
    expect(simulated.body).toMatchObject({ id, kyc_status: status });
    const read = await api("GET", `/v1/cardholders/${id}`, {
      headers: { "koban-consistency": simulated.headers.get("koban-consistency") as string },
    });
    expect(read.body).toEqual(simulated.body);
  });

  it("follows a review with its decision", async () => {
    const id = await newCardholder();
    expect((await simulateKyc(api, id, { status: "needs_review" })).body.kyc_status).toBe("needs_review");
    expect((await simulateKyc(api, id, { status: "rejected" })).body.kyc_status).toBe("rejected");
  });

  it("refuses a live key with 403, whatever the cardholder", async () => {
    const live = await ready(apiClient(url(), await liveKey(partnerId)));
    const id = await newCardholder();
    const refused = await simulateKyc(live, id, { status: "verified" });
    expect([refused.status, refused.body.code]).toEqual([403, "permission_denied"]);
    expect((await api("GET", `/v1/cardholders/${id}`)).body.kyc_status).toBe("pending");
  });
});

describe("PATCH /v1/cardholders/{id}", () => {
  it("changes contact, address, names and metadata, and answers with the cardholder re-rendered", async () => {
    const id = await newCardholder({ ...individual("Hana"), email: "hana@example.com", metadata: { a: "1", b: "2" } });
    const changed = await patch(api, id, {
      phone_number: "+819012345678",
      address: tokyo,
      individual: { last_name: "Mori" },
      metadata: { b: null, c: "3" },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      id,
      email: "hana@example.com",
      phone_number: "+819012345678",
      address: { ...tokyo, line2: null },
      individual: { first_name: "Hana", last_name: "Mori" },
      metadata: { a: "1", c: "3" },
    });
    const consistency = changed.headers.get("koban-consistency") as string;
    const read = await api("GET", `/v1/cardholders/${id}`, { headers: { "koban-consistency": consistency } });
    expect(read.body).toEqual(changed.body);

    const cleared = await patch(api, id, { address: null, email: null });
    expect([cleared.status, cleared.body.address, cleared.body.email]).toEqual([200, null, null]);
  });

  it("suspends, reactivates and closes; a closed cardholder refuses every change with 409", async () => {
    const id = await newCardholder();
    expect((await patch(api, id, { status: "suspended" })).body.status).toBe("suspended");
    expect((await patch(api, id, { status: "active" })).body.status).toBe("active");
    expect((await patch(api, id, { status: "closed" })).body.status).toBe("closed");

    for (const [method, body] of [
      ["patch", { status: "active" }],
      ["patch", { email: "late@example.com" }],
      ["simulate", { status: "verified" }],
    ] as const) {
      const refused = method === "patch" ? await patch(api, id, body) : await simulateKyc(api, id, body);
      expect([refused.status, refused.body.code], `${method} ${JSON.stringify(body)}`).toEqual([
        409,
        "invalid_state_transition",
      ]);
    }
    expect((await patch(api, id, { status: "closed" })).status).toBe(200);
    expect(await api("GET", `/v1/cardholders/${id}`)).toMatchObject({
      body: { status: "closed", kyc_status: "pending", email: null },
    });
  });

  it("refuses a second KYC result after a final one with 409", async () => {
    const id = await newCardholder();
    expect((await simulateKyc(api, id, { status: "verified" })).status).toBe(200);
    const again = await simulateKyc(api, id, { status: "rejected" });
    expect([again.status, again.body.code]).toEqual([409, "invalid_state_transition"]);
  });

  it("rejects bad input with the offending parameter, before sending anything", async () => {
    const id = await newCardholder();
    const cases: Array<[object, string, string]> = [
      [{ address: { ...tokyo, country: "XX" } }, "parameter_invalid", "address.country"],
      [{ address: { ...tokyo, country: "jp" } }, "parameter_invalid", "address.country"],
      [{ address: { line1: "1", postal_code: "1", country: "JP" } }, "parameter_missing", "address.city"],
      [{ phone_number: "090-1234-5678" }, "parameter_invalid", "phone_number"],
      [{ email: "nope" }, "parameter_invalid", "email"],
      [{ status: "frozen" }, "parameter_invalid", "status"],
      [{ type: "business" }, "parameter_unknown", "type"],
    ];
    for (const [body, code, param] of cases) {
      const response = await patch(api, id, body);
      expect([response.status, response.body.code, response.body.param], JSON.stringify(body)).toEqual([
        400,
        code,
        param,
      ]);
    }
    const created = await register(api, { ...individual("Bad"), address: { ...tokyo, country: "ZZ" } });
    expect([created.status, created.body.param]).toEqual([400, "address.country"]);
  });

  it("refuses a rule the context keeps with a problem: too many metadata keys", async () => {
    const twenty = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, "v"]));
    const id = await newCardholder({ ...individual("Meta"), metadata: twenty });
    const refused = await patch(api, id, { metadata: { k20: "v" } });
    expect([refused.status, refused.body.code, refused.body.param]).toEqual([400, "parameter_invalid", "metadata"]);
  });
});

describe("another partner's cardholder", () => {
  it("is a 404 on PATCH and on simulate, and stays as it was", async () => {
    const id = await newCardholder();
    for (const response of [
      await patch(other, id, { email: "takeover@example.com" }),
      await simulateKyc(other, id, { status: "verified" }),
    ]) {
      expect([response.status, response.body.code, response.body.param]).toEqual([404, "resource_not_found", "id"]);
    }
    expect((await api("GET", `/v1/cardholders/${id}`)).body).toMatchObject({ email: null, kyc_status: "pending" });
    expect(await streamOf(id)).toEqual([["CardholderRegistered", 1]]);
  });

  it("is as unknown as an id that cannot be one", async () => {
    const response = await patch(api, "ch_nope", { email: "x@example.com" });
    expect([response.status, response.body.code, response.body.param]).toEqual([404, "resource_not_found", "id"]);
  });
});

describe("the event store", () => {
  it("holds each change as its own event, with increasing stream versions, and replays to the context's table", async () => {
    const id = await newCardholder();
    await patch(api, id, { email: "v2@example.com", metadata: { plan: "gold" } });
    await simulateKyc(api, id, { status: "needs_review" });
    await patch(api, id, { status: "suspended" });
    await simulateKyc(api, id, { status: "verified" });
    await patch(api, id, { individual: { first_name: "Renamed" }, status: "closed" });
    expect(await streamOf(id)).toEqual([
      ["CardholderRegistered", 1],
      ["CardholderContactChanged", 2],
      ["CardholderMetadataChanged", 3],
      ["CardholderKycReviewRequested", 4],
      ["CardholderSuspended", 5],
      ["CardholderKycVerified", 6],
      ["CardholderNameChanged", 7],
      ["CardholderClosed", 8],
    ]);
    const stored = await cardholderRepository.load(stack.db.pool, { partnerId, livemode: false }, id);
    expect(replayCardholder(await readStream(stack.db.pool, id))).toEqual(stored);
    expect(stored).toMatchObject({ status: "closed", kycStatus: "verified", version: 8 });
  });

  it("refuses to write over a version it did not load", async () => {
    const id = await newCardholder();
    const tenant = { partnerId, livemode: false };
    const client = await stack.db.pool.connect();
    try {
      // Rolled back at the end: the table must keep agreeing with the event store.
      await client.query("BEGIN");
      const loaded = await cardholderRepository.load(client, tenant, id);
      if (!loaded) throw new Error("not stored");
      const next = { ...loaded, status: "suspended" as const, version: loaded.version + 1 };
      expect(await cardholderRepository.update(client, tenant, loaded, next)).toBe(true);
      expect(await cardholderRepository.update(client, tenant, loaded, { ...next, status: "closed" })).toBe(false);
      expect(await cardholderRepository.load(client, tenant, id)).toMatchObject({ status: "suspended", version: 2 });
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });

  it("keeps every one of concurrent changes to one cardholder", async () => {
    const id = await newCardholder();
    const keys = ["a", "b", "c"];
    const responses = await Promise.all(keys.map((key) => patch(api, id, { metadata: { [key]: key } })));
    expect(responses.every((response) => [200, 202].includes(response.status))).toBe(true);
    await eventually(async () => {
      const read = await api("GET", `/v1/cardholders/${id}`);
      expect(read.body.metadata).toEqual(Object.fromEntries(keys.map((key) => [key, key])));
    }, 30_000);
    expect((await streamOf(id)).map(([, version]) => version)).toEqual([1, 2, 3, 4]);
    expect(Number((await stack.db.pool.query("SELECT count(*) FROM bus.dead_letters")).rows[0].count)).toBe(0);
  });
});

describe("a RecordKycResult delivered twice", () => {
  it("is applied once: one event, one accepted document, no refusal", async () => {
    const id = await newCardholder();
    const command = createCommand(
      RecordKycResult,
      { cardholder_id: id, status: "verified", reason: null, source: "simulation" },
      { source: "api", tenant: { partnerId, livemode: false } },
    );
    const redis = createRedis(stack.bus.redisUrl);
    const publisher = new Publisher(redis, stack.bus.names);
    try {
      const queue = stack.bus.names.commandQueue("cardholder");
      await publisher.publish([{ queue, envelope: command, attempt: 1, jobId: `${command.id}.a` }]);
      await stack.worker.waitForLog((line) => line.msg === "RecordKycResult handled" && line.message_id === command.id);
      await publisher.publish([{ queue, envelope: command, attempt: 1, jobId: `${command.id}.b` }]);
      await stack.worker.waitForLog(
        (line) => line.msg === "RecordKycResult duplicate" && line.message_id === command.id,
      );
    } finally {
      await publisher.close();
      redis.disconnect();
    }
    // The event reaches the store when the relay moves it from the outbox.
    await eventually(async () =>
      expect(await streamOf(id)).toEqual([
        ["CardholderRegistered", 1],
        ["CardholderKycVerified", 2],
      ]),
    );
    const { rows } = await stack.db.pool.query(
      `SELECT envelope->'payload'->>'outcome' AS outcome FROM cardholder.outbox
       WHERE envelope->>'kind' = 'document' AND envelope->>'causationId' = $1`,
      [command.id],
    );
    expect(rows).toEqual([{ outcome: "accepted" }]);
  });
});

describe("after all of the above", () => {
  it("the read model rebuilt from the event store equals the live one", async () => {
    const snapshot = async () =>
      (await stack.db.pool.query("SELECT * FROM query.cardholders ORDER BY id")).rows.map((row) => JSON.stringify(row));
    await waitForQuiescence(stack.db.pool);
    const live = await snapshot();
    await rebuildReadModels(stack.db.pool);
    expect(await snapshot()).toEqual(live);
  });

  it("every cardholder replayed from its stream equals the cardholder context's table", async () => {
    const { rows } = await stack.db.pool.query("SELECT id, partner_id, livemode FROM cardholder.cardholders");
    for (const row of rows) {
      const tenant = { partnerId: row.partner_id, livemode: row.livemode };
      const stored = await cardholderRepository.load(stack.db.pool, tenant, row.id);
      expect(replayCardholder(await readStream(stack.db.pool, row.id))).toEqual(stored);
    }
  });
});
