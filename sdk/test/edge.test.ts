// The SDK inside an edge runtime (Vercel's edge-runtime: web APIs only, no Node globals), as
// Bun, Deno, Cloudflare Workers and Vercel Edge would run it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { EdgeRuntime } from "edge-runtime";
import { build } from "esbuild";
import { afterAll, beforeAll, expect, it } from "vitest";

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const found = request.url?.startsWith("/v1/cards/card_1");
    response.writeHead(found ? 200 : 404, {
      "content-type": found ? "application/json" : "application/problem+json",
      "request-id": "req_edge",
    });
    response.end(
      JSON.stringify(
        found
          ? { id: "card_1", object: "card", auth: request.headers.authorization }
          : { type: "x", title: "Not found", status: 404, detail: "No card.", code: "resource_not_found" },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

it("bundles for a platform without Node built-ins, then calls the API, verifies webhooks and answers a funding request in an edge runtime", async () => {
  // `platform: neutral` with nothing external: any Node built-in in the SDK fails this build.
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL("../src/index.ts", import.meta.url))],
    bundle: true,
    write: false,
    platform: "neutral",
    format: "iife",
    globalName: "KobanSDK",
    target: "es2022",
  });
  const runtime = new EdgeRuntime({ initialCode: bundle.outputFiles[0]?.text ?? "" });
  expect(runtime.evaluate("typeof process === 'undefined' && typeof Buffer === 'undefined'")).toBe(true);

  const outcome = await runtime.evaluate(`(async () => {
    const { Koban, Webhooks, KobanNotFoundError } = KobanSDK;
    const koban = new Koban({ apiKey: "kb_test_edge", baseUrl: ${JSON.stringify(url)}, maxRetries: 0 });
    const card = await koban.cards.retrieve("card_1").withResponse();
    const missing = await koban.cards.retrieve("card_2").catch((error) => error);
    const webhooks = new Webhooks();
    const secret = "whsec_" + btoa("edge secret of thirty-two bytes!");
    const signed = await webhooks.sign({ id: "evt_1", type: "card.frozen" }, secret);
    const event = await webhooks.verify(signed.payload, new Headers(signed.headers), secret);
    const tampered = await webhooks.verify(signed.payload + " ", signed.headers, secret).catch((error) => error.name);
    const request = { type: "funding.authorization_request", authorization_id: "auth_1", amount: 480 };
    const funding = await webhooks.signFundingRequest(request, secret);
    const verified = await webhooks.verifyFundingRequest(funding.payload, new Headers(funding.headers), secret);
    const answer = webhooks.fundingResponse(verified.amount < 1000);
    return JSON.stringify({
      card: card.data,
      requestId: card.requestId,
      notFound: missing instanceof KobanNotFoundError,
      code: missing.code,
      event,
      tampered,
      funding: [funding.headers["webhook-id"], verified.amount, answer.status, await answer.json()],
    });
  })()`);
  expect(JSON.parse(outcome)).toEqual({
    card: { id: "card_1", object: "card", auth: "Bearer kb_test_edge" },
    requestId: "req_edge",
    notFound: true,
    code: "resource_not_found",
    event: { id: "evt_1", type: "card.frozen" },
    tampered: "KobanWebhookVerificationError",
    funding: ["auth_1", 480, 200, { approved: true }],
  });
});
