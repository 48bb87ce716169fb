import type { Pool } from "@koban/db";
import { childLogger } from "@koban/observability";
import pg from "pg";
import type { Answer, AuthorizationStore } from "../application/authorization-store.ts";
import type { DecisionWatch } from "../application/gateway.ts";
import { DECISIONS_CHANNEL } from "./authorization-repository.ts";

export interface DecisionListener extends DecisionWatch {
  /** Resolves once the first LISTEN is in place (the gateway says ready after it). */
  readonly listening: Promise<void>;
  close(): Promise<void>;
}

/**
 * Hears decisions from Postgres: each deciding transaction notifies DECISIONS_CHANNEL at commit,
 * and one connection per gateway process listens. A notification can be missed (the connection
 * drops, and is made again), so the waiting authorizations are also read every `pollMs`: a
 * missed notification costs at most that much latency, never an answer.
 */
export function listenForDecisions(options: {
  databaseUrl: string;
  pool: Pool;
  store: AuthorizationStore;
  pollMs?: number;
}): DecisionListener {
  const log = childLogger({ component: "decision-listener" });
  // Several requests may wait on one authorization (a network repeating its 0100).
  const waiters = new Map<string, Set<(answer: Answer | undefined) => void>>();
  let client: pg.Client | undefined;
  let closed = false;
  let firstListen: () => void = () => {};
  const listening = new Promise<void>((resolve) => {
    firstListen = resolve;
  });

  const deliver = (answer: Answer) => {
    const waiting = waiters.get(answer.id);
    if (waiting) {
      waiters.delete(answer.id);
      for (const resolve of waiting) resolve(answer);
    }
  };

  async function connect(): Promise<void> {
    while (!closed) {
      const next = new pg.Client({ connectionString: options.databaseUrl, application_name: "koban-gateway-listen" });
      next.on("notification", (message) => {
        if (!message.payload) return;
        try {
          deliver(JSON.parse(message.payload) as Answer);
        } catch {}
      });
      // Only an established connection is made again here; a failed attempt is retried by the loop.
      const lost = (error?: Error) => {
        if (client !== next) return;
        client = undefined;
        if (closed) return;
        log.warn({ err: error }, "decision listener lost its connection; polling until it is back");
        next.end().catch(() => {});
        setTimeout(() => void connect(), 500);
      };
      next.on("error", lost);
      next.on("end", () => lost());
      try {
        await next.connect();
        await next.query(`LISTEN ${DECISIONS_CHANNEL}`);
        client = next;
        firstListen();
        return;
      } catch (error) {
        await next.end().catch(() => {});
        log.warn({ err: error }, "decision listener cannot connect; retrying");
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }
  void connect();

  const pollMs = options.pollMs ?? 250;
  let polling = false;
  const poller = setInterval(async () => {
    if (polling || waiters.size === 0) return;
    polling = true;
    try {
      for (const answer of await options.store.readAnswers(options.pool, [...waiters.keys()])) deliver(answer);
    } catch (error) {
      log.warn({ err: error }, "decision poll failed");
    } finally {
      polling = false;
    }
  }, pollMs);
  poller.unref();

  return {
    listening,
    expect(id) {
      let resolve: (answer: Answer | undefined) => void = () => {};
      const heard = new Promise<Answer | undefined>((r) => {
        resolve = r;
      });
      const waiting = waiters.get(id) ?? new Set();
      waiting.add(resolve);
      waiters.set(id, waiting);
      const forget = () => {
        waiting.delete(resolve);
        if (waiting.size === 0 && waiters.get(id) === waiting) waiters.delete(id);
      };
      return {
        async until(deadline) {
          const timer = setTimeout(() => resolve(undefined), Math.max(0, deadline.getTime() - Date.now()));
          try {
            return await heard;
          } finally {
            clearTimeout(timer);
            forget();
          }
        },
        cancel() {
          forget();
          resolve(undefined);
        },
      };
    },
    async close() {
      closed = true;
      clearInterval(poller);
      for (const waiting of waiters.values()) for (const resolve of waiting) resolve(undefined);
      waiters.clear();
      await client?.end().catch(() => {});
    },
  };
}
