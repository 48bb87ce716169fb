import { createPartnerWithKey } from "@koban/cli/partners";
import { eventually, type Stack, startStack } from "@koban/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, individual } from "./client.ts";
import { startReceiver } from "./webhook-receiver.ts";

let stack: Stack;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let key: string;

// The worker refuses internal addresses as production does; the first facade lets them be saved
// (as an endpoint saved before its DNS changed would be), a second one refuses them.
beforeAll(async () => {
  [stack, receiver] = await Promise.all([
    startStack({ workerEnv: { WEBHOOK_ALLOW_PRIVATE_URLS: "false" } }),
    startReceiver(),
  ]);
  key = (await createPartnerWithKey(stack.db.pool, "Addresses")).api_key;
  const api = apiClient(stack.apiUrls[0] as string, key);
  await eventually(async () => expect((await api("GET", "/v1/programs")).body.data).toHaveLength(1));
});

afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

describe("webhook URLs that reach internal addresses", () => {
  it("are refused when saved", async () => {
    const guarded = apiClient((await stack.startApi({ WEBHOOK_ALLOW_PRIVATE_URLS: "false" })).url, key);
    for (const url of [
      "http://127.0.0.1:8080/hook",
      "http://localhost/hook",
      "http://10.1.2.3/hook",
      "http://192.168.0.10/hook",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]/hook",
      "http://[::ffff:127.0.0.1]/hook",
      "http://0.0.0.0/hook",
    ]) {
      const response = await guarded("POST", "/v1/webhook_endpoints", { body: { url, enabled_events: ["*"] } });
      expect([response.status, response.body.code, response.body.param], url).toEqual([
        400,
        "parameter_invalid",
        "url",
      ]);
    }
    expect((await guarded("GET", "/v1/webhook_endpoints")).body.data).toEqual([]);
  });

  it("are refused again when the deliverer connects, failing the attempt without reaching the host", async () => {
    const api = apiClient(stack.apiUrls[0] as string, key);
    const hook = await api("POST", "/v1/webhook_endpoints", {
      body: { url: receiver.url("/internal"), enabled_events: ["cardholder.created"] },
    });
    expect(hook.status).toBe(201);
    await api("POST", "/v1/cardholders", { body: individual("Rin") });
    const delivery = await eventually(async () => {
      const page = await api("GET", `/v1/webhook_endpoints/${hook.body.id}/deliveries`);
      expect(page.body.data[0]?.attempts).toHaveLength(1);
      return page.body.data[0];
    });
    expect(delivery.status).toBe("pending");
    expect(delivery.attempts[0]).toMatchObject({ succeeded: false, response_status: null });
    expect(delivery.attempts[0].error).toMatch(/private IP address/);
    expect(receiver.received).toEqual([]);
  });
});
