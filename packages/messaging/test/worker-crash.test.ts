import "./fixtures/quiet-logs.ts";
import { cardContext } from "@koban/card";
import { cardholderContext } from "@koban/cardholder";
import type { Envelope, PayloadOf, RegisterCardholder } from "@koban/contracts";
import { partnerContext } from "@koban/partner";
import { queryContext } from "@koban/query";
import { type AppProcess, eventually, spawnApp } from "@koban/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./fixtures/harness.ts";
import { commitToOutbox, count, documentOutcomes, registerCardholder, sleep } from "./fixtures/messages.ts";

let h: Harness;
const processes: AppProcess[] = [];
beforeAll(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await Promise.all(processes.splice(0).map((app) => app.kill()));
  await h?.stopAll();
});
afterAll(async () => {
  await h?.close();
});

/** The real worker (apps/worker) as an OS process, on this file's database and Redis prefix. */
function worker(env: Record<string, string>): AppProcess {
  const app = spawnApp("worker", {
    DATABASE_URL: h.databaseUrl,
    REDIS_URL: h.bus.redisUrl,
    KOBAN_ENV: h.bus.env,
    DB_POOL_MAX: "4",
    ...env,
  });
  processes.push(app);
  return app;
}

const cardholderIds = (commands: readonly Envelope[]) =>
  commands.map((command) => (command.payload as PayloadOf<typeof RegisterCardholder>).cardholder_id);

describe("a worker killed at any line", () => {
  it("SIGKILLed after its handler committed and before BullMQ's ack: redelivered, applied once", async () => {
    const paused = worker({
      WORKER_CONTEXTS: "cardholder",
      WORKER_RELAY: "false",
      KOBAN_TEST_PAUSE_AFTER_COMMIT: "1",
    });
    await paused.waitForLog((line) => line.msg === "ready");
    const command = registerCardholder();
    const queue = h.publisher.queue(h.bus.names.commandQueue("cardholder"));
    await h.publisher.publish([{ queue: queue.name, envelope: command, attempt: 1, jobId: command.id }]);

    await paused.waitForLog((line) => line.msg === "committed, pausing" && line.message_id === command.id);
    // The effect is committed, but the job is still BullMQ's: active, not acknowledged.
    const [id] = cardholderIds([command]);
    expect(await count(h.pool, "SELECT count(*) FROM cardholder.cardholders WHERE id = $1", [id])).toBe(1);
    expect(await count(h.pool, "SELECT count(*) FROM cardholder.inbox WHERE message_id = $1", [command.id])).toBe(1);
    expect(await queue.getJobState(command.id)).toBe("active");
    await paused.kill();
    const killedAt = Date.now();

    // Another worker finds the stalled job once its lock expires, runs it again: a duplicate.
    const next = worker({ WORKER_CONTEXTS: "cardholder,query", WORKER_RELAY: "true" });
    const redelivered = await next.waitForLog(
      (line) => line.msg === "RegisterCardholder duplicate" && line.message_id === command.id,
      30_000,
    );
    expect(redelivered.attempt).toBe(1);
    expect(Date.now() - killedAt).toBeLessThan(20_000);
    await eventually(async () => expect(await queue.getJobState(command.id)).toBe("unknown")); // done and removed

    // Applied once, and nothing lost: its event went out and reached the read model.
    await eventually(async () =>
      expect(await count(h.pool, "SELECT count(*) FROM query.cardholders WHERE id = $1", [id])).toBe(1),
    );
    expect(await count(h.pool, "SELECT count(*) FROM cardholder.cardholders WHERE id = $1", [id])).toBe(1);
    const outcomes = await documentOutcomes(h.pool, "cardholder");
    expect(outcomes).toEqual({ accepted: [command.id], rejected: [] });
    expect(await count(h.pool, "SELECT count(*) FROM eventstore.events WHERE stream_id = $1", [id])).toBe(1);
    expect(next.logs.filter((line) => line.msg === "RegisterCardholder handled")).toEqual([]);
    expect(await next.stop()).toBe(0);
  });

  it("a relay SIGKILLed while commands keep being committed: restarted, every event published, none applied twice", async () => {
    const consumers = h.startConsumers([cardholderContext, queryContext, cardContext, partnerContext]);
    // The relay alone in its own process (the worker hosts the idle partner context with it).
    const relay = () => worker({ WORKER_CONTEXTS: "partner", WORKER_RELAY: "true" });
    const leading = (app: AppProcess) => app.waitForLog((line) => line.msg === "relay is leading");

    const total = 150;
    const commands: Envelope[] = [];
    let stop = false;
    const producing = (async () => {
      while (!stop && commands.length < total) {
        const command = registerCardholder();
        await commitToOutbox(h.pool, "api", [command]);
        commands.push(command);
        await sleep(10);
      }
    })();
    try {
      let current = relay();
      await leading(current);
      for (const at of [40, 90]) {
        await eventually(() => expect(commands.length).toBeGreaterThanOrEqual(at), 30_000);
        await current.kill(); // commits go on: rows wait in the outbox, or were published but never marked
        current = relay();
        await leading(current);
      }
      await producing;
    } finally {
      stop = true;
    }
    expect(commands.length).toBe(total);

    const ids = cardholderIds(commands);
    await eventually(
      async () =>
        expect(await count(h.pool, "SELECT count(*) FROM query.cardholders WHERE id = ANY($1)", [ids])).toBe(total),
      60_000,
      200,
    );
    await h.drained();
    expect(await count(h.pool, "SELECT count(*) FROM api.outbox WHERE published_at IS NULL")).toBe(0);
    expect(await count(h.pool, "SELECT count(*) FROM cardholder.outbox WHERE published_at IS NULL")).toBe(0);
    expect(await count(h.pool, "SELECT count(*) FROM cardholder.cardholders WHERE id = ANY($1)", [ids])).toBe(total);
    const outcomes = await documentOutcomes(h.pool, "cardholder");
    expect(outcomes.rejected).toEqual([]);
    expect(outcomes.accepted.filter((id) => commands.some((command) => command.id === id)).length).toBe(total);
    expect(new Set(outcomes.accepted).size).toBe(outcomes.accepted.length);
    expect(await count(h.pool, "SELECT count(*) FROM eventstore.events WHERE stream_id = ANY($1)", [ids])).toBe(total);
    await consumers.close();
  });
});

describe("a worker stopped with SIGTERM", () => {
  it("finishes the handlers in flight and exits cleanly; the next worker handles the rest, nothing twice", async () => {
    const first = worker({ WORKER_CONTEXTS: "cardholder", WORKER_RELAY: "true" });
    await first.waitForLog((line) => line.msg === "ready");
    const commands = Array.from({ length: 120 }, () => registerCardholder());
    const producing = (async () => {
      for (const command of commands) {
        await commitToOutbox(h.pool, "api", [command]);
        await sleep(5);
      }
    })();
    await first.waitForLog((line) => line.msg === "RegisterCardholder handled", 20_000);
    expect(await first.stop()).toBe(0);
    await producing;

    const second = worker({ WORKER_CONTEXTS: "cardholder", WORKER_RELAY: "true" });
    await eventually(
      async () =>
        expect(
          await count(h.pool, "SELECT count(*) FROM cardholder.cardholders WHERE id = ANY($1)", [
            cardholderIds(commands),
          ]),
        ).toBe(commands.length),
      30_000,
    );
    // Every job the first worker started, it finished and acknowledged: none came back.
    const handledFirst = new Set(
      first.logs.filter((l) => l.msg === "RegisterCardholder handled").map((l) => l.message_id),
    );
    const redelivered = second.logs.filter((l) => l.msg === "RegisterCardholder duplicate");
    expect(redelivered.filter((l) => handledFirst.has(l.message_id))).toEqual([]);
    const mine = new Set(commands.map((command) => command.id));
    const outcomes = await documentOutcomes(h.pool, "cardholder");
    expect(outcomes.accepted.filter((id) => mine.has(id)).length).toBe(commands.length);
    expect(outcomes.rejected).toEqual([]);
    expect(await second.stop()).toBe(0);
  });
});
