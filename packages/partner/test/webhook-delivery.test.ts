import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseKeyRing } from "@koban/config";
import { newId, PublicEventRecorded } from "@koban/contracts";
import { transaction } from "@koban/db";
import { createEvent, type HandlerContext } from "@koban/messaging";
import { logger } from "@koban/observability";
import { createTestDatabase, eventually, type TestDatabase } from "@koban/testing";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpSender } from "../src/adapters/webhook-http.ts";
import { webhookRepository } from "../src/adapters/webhook-repository.ts";
import { sqlSecretVault } from "../src/adapters/webhook-secrets.ts";
import { startWebhookDeliverer } from "../src/application/webhook-deliverer.ts";
import { webhookHandlers } from "../src/application/webhook-handlers.ts";
import { nextAttemptDelay, retrySchedule, selects } from "../src/domain/webhook-endpoint.ts";

const keys = parseKeyRing(`1:${Buffer.alloc(32, 7).toString("base64")}`);
const vault = sqlSecretVault(() => keys);
const handlers = webhookHandlers(webhookRepository, vault);
const deliverer = (options: { pollMs: number; concurrency?: number }, pool: TestDatabase["pool"]) =>
  startWebhookDeliverer({
    pool,
    store: webhookRepository,
    vault,
    send: httpSender({ allowPrivateAddresses: true, timeoutMs: 2_000 }),
    logger,
    timeoutMs: 2_000,
    ...options,
  });
const [createEndpoint] = handlers.commands;
const [schedule] = handlers.events;

describe("which events an endpoint receives", () => {
  it("matches a type, a resource's types, or everything, and nothing else", () => {
    expect(selects(["card.frozen"], "card.frozen")).toBe(true);
    expect(selects(["card.*"], "card.frozen")).toBe(true);
    expect(selects(["card.*"], "cardholder.created")).toBe(false);
    expect(selects(["*"], "program.created")).toBe(true);
    expect(selects(["card.frozen", "cardholder.*"], "card.unfrozen")).toBe(false);
  });
});

describe("the retry schedule", () => {
  it("spans more than a day, jittered by at most 10%, and ends", () => {
    const total = retrySchedule.reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeGreaterThan(24 * 3600 * 1000);
    expect(nextAttemptDelay(1, () => 0)).toBe(4_500);
    expect(nextAttemptDelay(1, () => 1)).toBe(5_500);
    expect(nextAttemptDelay(retrySchedule.length - 1, () => 0.5)).toBe(10 * 3600 * 1000);
    expect(nextAttemptDelay(retrySchedule.length)).toBeNull();
  });
});

describe("the deliverer", () => {
  let db: TestDatabase;
  let server: Server;
  const seen: Array<{ id: string; signature: string; body: string; timestamp: string }> = [];
  const tenant = { partnerId: newId("ptn"), livemode: false };
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        seen.push({
          id: String(request.headers["webhook-id"]),
          signature: String(request.headers["webhook-signature"]),
          timestamp: String(request.headers["webhook-timestamp"]),
          body,
        });
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    await db.pool.query("INSERT INTO partner.partners (id, name, version, created_at) VALUES ($1, 'P', 1, now())", [
      tenant.partnerId,
    ]);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db?.drop();
  });

  const run = <T>(handle: (context: HandlerContext) => Promise<T>) =>
    transaction(db.pool, (tx) => handle({ tx, tenant, emit: () => {} }));

  async function newEndpoint(): Promise<string> {
    const id = newId("we");
    const command = {
      id: crypto.randomUUID(),
      tenant,
      payload: { webhook_endpoint_id: id, url, description: null, enabled_events: ["*"], status: "enabled" as const },
    };
    await run((context) => createEndpoint?.handle(command as never, context) ?? Promise.resolve());
    return id;
  }

  function publicEvent() {
    const id = newId("evt");
    const rendered = {
      id,
      object: "event" as const,
      type: "card.frozen",
      created_at: new Date().toISOString(),
      livemode: false,
      data: { object: { id: newId("card"), object: "card" } },
    };
    return createEvent(
      PublicEventRecorded,
      { event: rendered },
      { source: "query", tenant, stream: { id, version: 1 } },
    );
  }

  it("schedules an event once however often it arrives, and two deliverers send each delivery once", async () => {
    const endpoint = await newEndpoint();
    const events = Array.from({ length: 12 }, publicEvent);
    for (const event of events) {
      await run((context) => schedule?.handle(event, context) ?? Promise.resolve());
      await run((context) => schedule?.handle(event, context) ?? Promise.resolve());
    }
    const { rows } = await db.pool.query(
      "SELECT count(*)::int AS n FROM partner.webhook_deliveries WHERE endpoint_id = $1",
      [endpoint],
    );
    expect(rows[0].n).toBe(12);

    const options = { pollMs: 20, concurrency: 3 };
    const deliverers = [deliverer(options, db.pool), deliverer(options, db.pool)];
    await eventually(() =>
      expect(seen.filter((s) => events.some((e) => e.payload.event.id === s.id))).toHaveLength(12),
    );
    await Promise.all(deliverers.map((deliverer) => deliverer.stop()));
    const [secret] = await vault.signing(db.pool, endpoint);
    for (const request of seen) {
      const headers = {
        "webhook-id": request.id,
        "webhook-timestamp": request.timestamp,
        "webhook-signature": request.signature,
      };
      expect(new Webhook(secret?.secret ?? "").verify(request.body, headers)).toMatchObject({ id: request.id });
    }
    const outbox = await db.pool.query(
      "SELECT count(*)::int AS n FROM partner.outbox WHERE envelope->>'type' = 'WebhookDeliveryAttempted'",
    );
    expect(outbox.rows[0].n).toBe(12);
  });

  it("attempts again a delivery whose deliverer died holding it, once its lease runs out", async () => {
    seen.length = 0;
    await db.pool.query("UPDATE partner.webhook_endpoints SET status = 'disabled'");
    await newEndpoint();
    const event = publicEvent();
    await run((context) => schedule?.handle(event, context) ?? Promise.resolve());
    // A deliverer leases it and dies before recording anything.
    const leased = await webhookRepository.leaseDueDeliveries(db.pool, 10, 300);
    expect(leased.map((d) => d.event_id)).toEqual([event.payload.event.id]);
    const running = deliverer({ pollMs: 20 }, db.pool);
    await eventually(() => expect(seen.map((s) => s.id)).toEqual([event.payload.event.id]));
    await running.stop();
    const { rows } = await db.pool.query(
      "SELECT status, attempt_count FROM partner.webhook_deliveries WHERE event_id = $1",
      [event.payload.event.id],
    );
    expect(rows).toEqual([{ status: "succeeded", attempt_count: 1 }]);
  });
});
