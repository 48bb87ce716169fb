import { createApiKey, listApiKeys, revokeApiKey, rollApiKey } from "@koban/cli/api-keys";
import { createPartnerWithKey } from "@koban/cli/partners";
import { RevokeApiKey } from "@koban/contracts";
import { createCommand, createRedis, Publisher, readStream } from "@koban/messaging";
import { eventually, type Stack, startStack, waitForQuiescence } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, individual } from "./client.ts";

type Partner = Awaited<ReturnType<typeof createPartnerWithKey>>;

let stack: Stack;
let a: Partner;
let b: Partner;

const client = (key: string) => apiClient(stack.apiUrls[0] as string, key);
const status = async (key: string) => (await client(key)("GET", "/v1/cardholders")).status;

async function ready(key: string): Promise<void> {
  await eventually(async () => expect(await status(key)).toBe(200));
}

async function refused(key: string): Promise<void> {
  const response = await client(key)("GET", "/v1/cardholders");
  expect([response.status, response.body.code]).toEqual([401, "invalid_api_key"]);
}

/** The partner's own stream as the event store has it, once the relay is done. */
const streamOf = async (id: string) => {
  await waitForQuiescence(stack.db.pool);
  return (await readStream(stack.db.pool, id)).map((event) => event.type);
};

beforeAll(async () => {
  stack = await startStack();
  a = await createPartnerWithKey(stack.db.pool, "Keys A");
  b = await createPartnerWithKey(stack.db.pool, "Keys B");
  await ready(a.api_key);
  await ready(b.api_key);
});

afterAll(async () => {
  await stack?.stop();
});

describe("a revoked key", () => {
  it("gets 401 on the very next request once the revoke returns, and cannot be revoked twice", async () => {
    const key = await createApiKey(stack.db.pool, a.partner_id);
    expect(key.api_key).toMatch(/^kb_test_/);
    expect(await status(key.api_key)).toBe(200);
    await revokeApiKey(stack.db.pool, a.partner_id, key.api_key_id);
    await refused(key.api_key);
    await expect(revokeApiKey(stack.db.pool, a.partner_id, key.api_key_id)).rejects.toMatchObject({
      code: "invalid_state_transition",
      details: { status: 409 },
    });
    // The partner's other key is untouched.
    expect(await status(a.api_key)).toBe(200);
    const listed = (await listApiKeys(stack.db.pool, a.partner_id)).find((k) => k.api_key_id === key.api_key_id);
    expect(listed).toMatchObject({ livemode: false, expires_at: null, revoked_at: expect.any(String) });
    expect(JSON.stringify(await listApiKeys(stack.db.pool, a.partner_id))).not.toContain(key.api_key.slice(8, -4));
  });

  it("of another partner is unknown: a 404, and it keeps working", async () => {
    await expect(revokeApiKey(stack.db.pool, a.partner_id, b.api_key_id)).rejects.toMatchObject({
      code: "resource_not_found",
      details: { status: 404 },
    });
    expect(await status(b.api_key)).toBe(200);
  });
});

describe("a rolled key", () => {
  it("is replaced by a new one at once; the old one works until it expires, then gets 401", async () => {
    const old = await createApiKey(stack.db.pool, a.partner_id, { scopes: ["cardholders:read"] });
    const rolled = await rollApiKey(stack.db.pool, a.partner_id, old.api_key_id, 2);
    expect(rolled).toMatchObject({
      livemode: false,
      kind: "restricted",
      scopes: ["cardholders:read"],
      old_api_key_id: old.api_key_id,
    });
    const listed = (await listApiKeys(stack.db.pool, a.partner_id)).find((k) => k.api_key_id === rolled.api_key_id);
    expect(listed).toMatchObject({ kind: "restricted", scopes: ["cardholders:read"] });
    expect(await status(rolled.api_key)).toBe(200);
    expect((await client(rolled.api_key)("GET", "/v1/programs")).status).toBe(403);
    expect(await status(old.api_key)).toBe(200);
    const expiresAt = Date.parse(rolled.old_expires_at as string);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 200));
    await refused(old.api_key);
    expect(await status(rolled.api_key)).toBe(200);
    await expect(rollApiKey(stack.db.pool, a.partner_id, old.api_key_id, 60)).rejects.toMatchObject({
      code: "invalid_state_transition",
    });
  });
});

/** The scopes added after the first keys were made: a key of then listed none of them. */
const laterScopes = [
  ["events:read", "/v1/events"],
  ["authorizations:read", "/v1/authorizations"],
  ["funding:read", "/v1/funding_sources"],
] as const;

describe("a key's kind", () => {
  it("standard (the default) has every scope, though its stored row lists none of them", async () => {
    const key = await createApiKey(stack.db.pool, a.partner_id);
    expect(key).toMatchObject({ kind: "standard", scopes: null });
    const { rows } = await stack.db.pool.query("SELECT scopes FROM query.api_keys WHERE api_key_id = $1", [
      key.api_key_id,
    ]);
    expect(rows).toEqual([{ scopes: null }]);
    for (const [scope, path] of laterScopes) {
      expect((await client(key.api_key)("GET", path)).status, scope).toBe(200);
    }
    const listed = (await listApiKeys(stack.db.pool, a.partner_id)).find((k) => k.api_key_id === key.api_key_id);
    expect(listed).toMatchObject({ kind: "standard", scopes: null });
  });

  it("restricted is refused 403 permission_denied for a scope it does not list, and stays so when rolled", async () => {
    const key = await createApiKey(stack.db.pool, a.partner_id, { scopes: ["cards:read", "events:read"] });
    expect(key).toMatchObject({ kind: "restricted", scopes: ["cards:read", "events:read"] });
    expect((await client(key.api_key)("GET", "/v1/events")).status).toBe(200);
    const refusedFunding = await client(key.api_key)("GET", "/v1/funding_sources");
    expect([refusedFunding.status, refusedFunding.body.code]).toEqual([403, "permission_denied"]);
    expect(refusedFunding.body.detail).toContain("funding:read");
    const rolled = await rollApiKey(stack.db.pool, a.partner_id, key.api_key_id, 0);
    expect(rolled).toMatchObject({ kind: "restricted", scopes: ["cards:read", "events:read"] });
    expect((await client(rolled.api_key)("GET", "/v1/funding_sources")).status).toBe(403);
    expect((await client(rolled.api_key)("GET", "/v1/events")).status).toBe(200);
  });

  it("standard stays standard when rolled", async () => {
    const key = await createApiKey(stack.db.pool, a.partner_id);
    const rolled = await rollApiKey(stack.db.pool, a.partner_id, key.api_key_id, 0);
    expect(rolled).toMatchObject({ kind: "standard", scopes: null });
    for (const [scope, path] of laterScopes) {
      expect((await client(rolled.api_key)("GET", path)).status, scope).toBe(200);
    }
  });
});

describe("a live key", () => {
  it("sees none of the test-mode cardholders", async () => {
    const live = await createApiKey(stack.db.pool, a.partner_id, { livemode: true });
    expect(live.api_key).toMatch(/^kb_live_/);
    const created = await client(a.api_key)("POST", "/v1/cardholders", { body: individual("Testmode") });
    expect(created.status).toBe(201);
    await eventually(async () =>
      expect((await client(a.api_key)("GET", `/v1/cardholders/${created.body.id}`)).status).toBe(200),
    );
    const listed = await client(live.api_key)("GET", "/v1/cardholders");
    expect([listed.status, listed.body.data]).toEqual([200, []]);
    const read = await client(live.api_key)("GET", `/v1/cardholders/${created.body.id}`);
    expect([read.status, read.body.code]).toEqual([404, "resource_not_found"]);
    const keys = await listApiKeys(stack.db.pool, a.partner_id);
    expect(keys.find((k) => k.api_key_id === live.api_key_id)).toMatchObject({ livemode: true, revoked_at: null });
  });
});

describe("a RevokeApiKey delivered twice", () => {
  it("is applied once: one ApiKeyRevoked", async () => {
    const key = await createApiKey(stack.db.pool, b.partner_id);
    const command = createCommand(
      RevokeApiKey,
      { api_key_id: key.api_key_id },
      { source: "cli", tenant: { partnerId: b.partner_id, livemode: false } },
    );
    const redis = createRedis(stack.bus.redisUrl);
    const publisher = new Publisher(redis, stack.bus.names);
    try {
      const queue = stack.bus.names.commandQueue("partner");
      await publisher.publish([{ queue, envelope: command, attempt: 1, jobId: `${command.id}.a` }]);
      await stack.worker.waitForLog((line) => line.msg === "RevokeApiKey handled" && line.message_id === command.id);
      await publisher.publish([{ queue, envelope: command, attempt: 1, jobId: `${command.id}.b` }]);
      await stack.worker.waitForLog((line) => line.msg === "RevokeApiKey duplicate" && line.message_id === command.id);
    } finally {
      await publisher.close();
      redis.disconnect();
    }
    await eventually(async () => refused(key.api_key));
    await eventually(async () =>
      expect((await streamOf(b.partner_id)).filter((type) => type === "ApiKeyRevoked")).toHaveLength(1),
    );
    expect(Number((await stack.db.pool.query("SELECT count(*) FROM bus.dead_letters")).rows[0].count)).toBe(0);
  });
});
