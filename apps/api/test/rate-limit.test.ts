import { createPartnerWithKey } from "@koban/cli/partners";
import { apiKeyScopes, CreateApiKey, newId } from "@koban/contracts";
import { transaction } from "@koban/db";
import { appendToOutbox, createCommand } from "@koban/messaging";
import { generateApiKey } from "@koban/partner";
import { eventually, type Stack, startStack } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "./client.ts";

let stack: Stack;
let limited: string;
let first: string;
let second: string;

/** A second test key of the partner, created as the CLI creates keys. */
async function anotherKey(partnerId: string): Promise<string> {
  const key = generateApiKey(false);
  const command = createCommand(
    CreateApiKey,
    {
      api_key_id: newId("key"),
      livemode: false,
      key_hash: key.hash,
      redacted_key: key.redacted,
      scopes: [...apiKeyScopes],
    },
    { source: "cli", tenant: { partnerId, livemode: false } },
  );
  await transaction(stack.db.pool, (tx) => appendToOutbox(tx, "api", [command]));
  return key.key;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  stack = await startStack();
  limited = (await stack.startApi({ RATE_LIMIT_PER_SECOND: "3" })).url;
  const partner = await createPartnerWithKey(stack.db.pool, "Rate Limited");
  first = partner.api_key;
  // Waited for through the unlimited facade; the counters are shared, so let this second's window pass.
  const ready = (key: string) => {
    const client = apiClient(stack.apiUrls[0] as string, key);
    return eventually(async () => expect((await client("GET", "/v1/cardholders")).status).toBe(200));
  };
  await ready(first);
  second = await anotherKey(partner.partner_id);
  await ready(second);
  await sleep(1_100);
});

afterAll(async () => {
  await stack?.stop();
});

describe("rate limits", () => {
  it("answers 429 with Retry-After per API key, spares the partner's other keys, and lets the key in again", async () => {
    const api = apiClient(limited, first);
    const responses = await Promise.all(Array.from({ length: 8 }, () => api("GET", "/v1/cardholders")));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(3);
    const refused = responses.filter((response) => response.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(5);
    const [problem] = refused;
    expect(problem?.body).toMatchObject({ status: 429, code: "rate_limited", title: "Too Many Requests" });
    expect(problem?.body.request_id).toBe(problem?.headers.get("request-id"));
    const retryAfter = Number(problem?.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);

    expect((await apiClient(limited, second)("GET", "/v1/cardholders")).status).toBe(200);

    await sleep(retryAfter * 1_000);
    expect((await api("GET", "/v1/cardholders")).status).toBe(200);
  });

  it("counts a write like a read and still answers a problem with a consistency token", async () => {
    const api = apiClient(limited, first);
    await sleep(1_100);
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => api("POST", "/v1/cardholders", { body: { type: "robot" } })),
    );
    const refused = responses.filter((response) => response.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused[0]?.headers.get("koban-consistency")).toBeTruthy();
  });

  it("does not count requests without a valid key", async () => {
    const anonymous = apiClient(limited, undefined);
    const responses = await Promise.all(Array.from({ length: 6 }, () => anonymous("GET", "/v1/cardholders")));
    expect(responses.map((response) => response.status)).toEqual(Array(6).fill(401));
  });
});
