import { AsyncLocalStorage } from "node:async_hooks";
import {
  type CommandDefinition,
  DomainError,
  domainErrorData,
  type Envelope,
  MessageValidationError,
  parseEnvelope,
} from "@koban/contracts";
import { type Pool, type Tx, transaction } from "@koban/db";
import { childLogger, inSpan, withLogContext } from "@koban/observability";
import { type Job, Worker } from "bullmq";
import type { CommandRegistration, ContextModule, EventRegistration, HandlerContext } from "./context.ts";
import { PermanentError } from "./errors.ts";
import { defaultRetryPolicy, type RetryPolicy, recordFailure } from "./failures.ts";
import { claimInbox, claimInboxesStatement } from "./inbox.ts";
import { createDocument, createEvent } from "./message.ts";
import type { BusNames } from "./names.ts";
import { appendToOutbox, appendToOutboxAtCommit } from "./outbox.ts";
import { createRedis, type Redis } from "./redis.ts";
import { eventQueuesOf } from "./topology.ts";

/** What a job carries: messages for one consumer (several when the bus is busy), and which delivery this is. */
export interface Delivery {
  envelopes: Envelope[];
  attempt: number;
}

export interface BusDeps {
  pool: Pool;
  redisUrl: string;
  names: BusNames;
}

export interface ConsumerOptions {
  concurrency?: number;
  retry?: RetryPolicy;
}

/**
 * A killed worker's job must come back within seconds, and must never be failed for
 * stalling (the inbox makes a second run harmless): a short lock, checked often, and
 * no limit on stalls.
 */
export const workerLockSettings = { lockDuration: 4_000, stalledInterval: 2_000, maxStalledCount: 1_000_000 };

export interface RunningConsumer {
  close(): Promise<void>;
}

/** Runs a context's handlers: one BullMQ worker for its commands, one for its subscriptions. */
export function startContext(module: ContextModule, deps: BusDeps, options: ConsumerOptions = {}): RunningConsumer {
  const policy = options.retry ?? defaultRetryPolicy;
  const log = childLogger({ context: module.name });
  const commands = new Map(module.commands.map((c) => [c.definition.type, c]));
  const events = new Map(module.events.map((e) => [e.definition.type, e]));

  type Target = { command: CommandRegistration; event?: undefined } | { command?: undefined; event: EventRegistration };

  function targetOf(envelope: Envelope): Target | undefined {
    const command = envelope.kind === "command" ? commands.get(envelope.type) : undefined;
    if (command) return { command };
    const event = envelope.kind === "event" ? events.get(envelope.type) : undefined;
    return event ? { event } : undefined;
  }

  const logFields = (envelope: Envelope) => ({
    correlation_id: envelope.correlationId,
    causation_id: envelope.causationId ?? undefined,
    message_id: envelope.id,
    message_type: envelope.type,
  });

  /** Runs one message's handler in the caller's transaction; returns what it emits. */
  async function apply(tx: Tx, envelope: Envelope, target: Target): Promise<Envelope[]> {
    const emitted: Envelope[] = [];
    const context: HandlerContext = {
      tx,
      tenant: envelope.tenant,
      emit: (definition, payload, stream, tenant) =>
        emitted.push(
          createEvent(definition, payload, {
            source: module.name,
            tenant: tenant === undefined ? envelope.tenant : tenant,
            correlationId: envelope.correlationId,
            causationId: envelope.id,
            stream,
          }),
        ),
    };
    if (target.command) {
      const result = await target.command.handle(envelope, context);
      emitted.push(accepted(target.command.definition, result, envelope, module.name));
    } else {
      await target.event.handle(envelope, context);
    }
    return emitted;
  }

  async function fail(queue: string, envelope: Envelope, attempt: number, error: unknown, permanent: boolean) {
    const outcome = await recordFailure(deps.pool, policy, {
      consumer: module.name,
      queue,
      envelope,
      attempt,
      error,
      permanent,
    });
    log.warn({ err: error, message_id: envelope.id, attempt, outcome }, `${envelope.type} failed (${outcome})`);
  }

  /** One message, one transaction: its effect, its inbox entry and what it emits commit together. */
  async function deliver(queue: string, raw: Envelope, attempt: number): Promise<void> {
    let envelope: Envelope;
    try {
      envelope = parseEnvelope(raw);
    } catch (error) {
      return fail(queue, raw, attempt, error, true);
    }
    const target = targetOf(envelope);
    if (!target) {
      return fail(
        queue,
        envelope,
        attempt,
        new PermanentError(`${module.name} has no handler for ${envelope.type}`),
        true,
      );
    }

    await inSpan(
      `${module.name} handle ${envelope.type}`,
      { traceparent: envelope.traceparent, kind: "consumer" },
      () =>
        withLogContext(logFields(envelope), async () => {
          try {
            // The inbox entry is claimed in BEGIN's round trip.
            const outcome = await transaction(
              deps.pool,
              async (tx, claim) => {
                if (claim?.rowCount !== 1) return "duplicate";
                await appendToOutboxAtCommit(tx, module.schema, await apply(tx, envelope, target));
                return "handled";
              },
              { withBegin: claimInboxesStatement(module.schema, module.name, [envelope.id]) },
            );
            if (outcome === "handled") await testSeamPauseAfterCommit(log);
            log.info({ outcome, attempt }, `${envelope.type} ${outcome}`);
          } catch (error) {
            if (target.command && error instanceof DomainError) {
              await reject(target.command.definition, error, envelope);
              log.info({ code: error.code }, `${envelope.type} rejected`);
              return;
            }
            const permanent =
              error instanceof PermanentError ||
              error instanceof MessageValidationError ||
              error instanceof DomainError;
            await fail(queue, envelope, attempt, error, permanent);
          }
        }),
    );
  }

  /**
   * Several messages in one transaction: one inbox statement and one outbox write for all, so
   * a busy bus does far fewer transactions. Any failure (a refused command, a bad message, a
   * deadlock) rolls the batch back whole, and each message is then delivered on its own.
   */
  async function deliverBatch(queue: string, raws: readonly Envelope[], attempt: number): Promise<void> {
    const batch: Array<{ envelope: Envelope; target: Target }> = [];
    for (const raw of raws) {
      const envelope = (() => {
        try {
          return parseEnvelope(raw);
        } catch {
          return undefined;
        }
      })();
      const target = envelope && targetOf(envelope);
      if (!envelope || !target) return deliverEach(queue, raws, attempt);
      batch.push({ envelope, target });
    }
    const logs: Array<() => void> = [];
    try {
      const ids = batch.map(({ envelope }) => envelope.id);
      await transaction(
        deps.pool,
        async (tx, claim) => {
          const claimed = new Set((claim?.rows ?? []).map((row: { message_id: string }) => row.message_id));
          const emitted: Envelope[] = [];
          for (const { envelope, target } of batch) {
            await inSpan(
              `${module.name} handle ${envelope.type}`,
              { traceparent: envelope.traceparent, kind: "consumer" },
              () =>
                withLogContext(logFields(envelope), async () => {
                  // delete(): the same message twice in one batch is applied once.
                  const outcome = claimed.delete(envelope.id) ? "handled" : "duplicate";
                  if (outcome === "handled") emitted.push(...(await apply(tx, envelope, target)));
                  // Logged once the batch has committed, with this message's trace and ids.
                  logs.push(
                    AsyncLocalStorage.bind(() =>
                      log.info({ outcome, attempt, batch: batch.length }, `${envelope.type} ${outcome}`),
                    ),
                  );
                }),
            );
          }
          await appendToOutboxAtCommit(tx, module.schema, emitted);
        },
        { withBegin: claimInboxesStatement(module.schema, module.name, ids) },
      );
    } catch (error) {
      log.debug({ err: error, size: batch.length }, "batch rolled back; delivering its messages one by one");
      return deliverEach(queue, raws, attempt);
    }
    for (const write of logs) write();
  }

  async function deliverEach(queue: string, raws: readonly Envelope[], attempt: number): Promise<void> {
    for (const raw of raws) await deliver(queue, raw, attempt);
  }

  function process(queue: string, job: Job<Delivery>, transactionSize = Number.POSITIVE_INFINITY): Promise<void> {
    const { envelopes, attempt } = job.data;
    const [only] = envelopes;
    if (envelopes.length === 1 && only) return deliver(queue, only, attempt);
    if (module.batching === false || transactionSize === 1) return deliverEach(queue, envelopes, attempt);
    if (envelopes.length <= transactionSize) return deliverBatch(queue, envelopes, attempt);
    return inSteps(envelopes, transactionSize, (step) => deliverBatch(queue, step, attempt));
  }

  /** A refused command changes nothing but its inbox entry and the document that says why. */
  async function reject(definition: CommandDefinition, error: DomainError, envelope: Envelope): Promise<void> {
    await transaction(deps.pool, async (tx) => {
      if (!(await claimInbox(tx, module.schema, module.name, envelope.id))) return;
      const document = createDocument(
        definition.result,
        { outcome: "rejected", error: domainErrorData(error) },
        envelope,
        module.name,
      );
      await appendToOutbox(tx, module.schema, [document]);
    });
  }

  const workers: Array<{ worker: Worker<Delivery>; connection: Redis }> = [];
  const listen = (queue: string, concurrency = options.concurrency ?? 16, transactionSize?: number) => {
    const connection = createRedis(deps.redisUrl);
    const worker = new Worker<Delivery>(queue, (job) => process(queue, job, transactionSize), {
      connection,
      prefix: deps.names.prefix,
      concurrency,
      ...workerLockSettings,
    });
    worker.on("error", (error) => log.error({ err: error, queue }, "queue worker error"));
    workers.push({ worker, connection });
  };
  if (commands.size > 0) listen(deps.names.commandQueue(module.name));
  for (const { queue, concurrency, transactionSize } of eventQueuesOf(deps.names, module)) {
    listen(queue, concurrency, transactionSize);
  }

  return {
    // Waits for handlers in flight; a job cut off anyway is redelivered and deduplicated.
    async close() {
      await Promise.all(
        workers.map(async ({ worker, connection }) => {
          await worker.close();
          connection.disconnect();
        }),
      );
    },
  };
}

/**
 * Test seam, inert unless KOBAN_TEST_PAUSE_AFTER_COMMIT is set: holds a handled job after its
 * transaction committed and before BullMQ acknowledges it, so a test can SIGKILL the worker
 * in exactly that window (packages/messaging/test/worker-crash.test.ts).
 */
async function testSeamPauseAfterCommit(log: ReturnType<typeof childLogger>): Promise<void> {
  if (!process.env.KOBAN_TEST_PAUSE_AFTER_COMMIT) return;
  log.warn("committed, pausing");
  await new Promise((resolve) => setTimeout(resolve, 10 * 60_000));
}

function accepted(definition: CommandDefinition, result: unknown, command: Envelope, source: ContextModule["name"]) {
  return createDocument(definition.result, { outcome: "accepted", result }, command, source);
}

/** Runs `step` over consecutive slices of at most `size` items, one after another. */
async function inSteps<T>(items: readonly T[], size: number, step: (slice: readonly T[]) => Promise<void>) {
  for (let first = 0; first < items.length; first += size) await step(items.slice(first, first + size));
}
