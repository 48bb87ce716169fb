import {
  type CommandDefinition,
  DomainError,
  domainErrorData,
  type Envelope,
  MessageValidationError,
  parseEnvelope,
} from "@koban/contracts";
import { type Pool, transaction } from "@koban/db";
import { childLogger, inSpan, withLogContext } from "@koban/observability";
import { type Job, Worker } from "bullmq";
import type { ContextModule, HandlerContext } from "./context.ts";
import { PermanentError } from "./errors.ts";
import { defaultRetryPolicy, type RetryPolicy, recordFailure } from "./failures.ts";
import { claimInbox } from "./inbox.ts";
import { createDocument, createEvent } from "./message.ts";
import type { BusNames } from "./names.ts";
import { appendToOutbox } from "./outbox.ts";
import { createRedis, type Redis } from "./redis.ts";

/** What a job carries: the message, and which delivery of it this is. */
export interface Delivery {
  envelope: Envelope;
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

  async function deliver(queue: string, job: Job<Delivery>): Promise<void> {
    const { attempt } = job.data;
    const fail = (envelope: Envelope, error: unknown, permanent: boolean) =>
      recordFailure(deps.pool, policy, { consumer: module.name, queue, envelope, attempt, error, permanent }).then(
        (outcome) =>
          log.warn({ err: error, message_id: envelope.id, attempt, outcome }, `${envelope.type} failed (${outcome})`),
      );

    let envelope: Envelope;
    try {
      envelope = parseEnvelope(job.data.envelope);
    } catch (error) {
      return fail(job.data.envelope, error, true);
    }
    const command = envelope.kind === "command" ? commands.get(envelope.type) : undefined;
    const event = envelope.kind === "event" ? events.get(envelope.type) : undefined;
    if (!command && !event) {
      return fail(envelope, new PermanentError(`${module.name} has no handler for ${envelope.type}`), true);
    }

    await inSpan(
      `${module.name} handle ${envelope.type}`,
      { traceparent: envelope.traceparent, kind: "consumer" },
      () =>
        withLogContext(
          {
            correlation_id: envelope.correlationId,
            causation_id: envelope.causationId ?? undefined,
            message_id: envelope.id,
            message_type: envelope.type,
          },
          async () => {
            try {
              const outcome = await transaction(deps.pool, async (tx) => {
                if (!(await claimInbox(tx, module.schema, module.name, envelope.id))) return "duplicate";
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
                if (command) {
                  const result = await command.handle(envelope, context);
                  emitted.push(accepted(command.definition, result, envelope, module.name));
                } else if (event) {
                  await event.handle(envelope, context);
                }
                await appendToOutbox(tx, module.schema, emitted);
                return "handled";
              });
              if (outcome === "handled") await testSeamPauseAfterCommit(log);
              log.info({ outcome, attempt }, `${envelope.type} ${outcome}`);
            } catch (error) {
              if (command && error instanceof DomainError) {
                await reject(command.definition, error, envelope);
                log.info({ code: error.code }, `${envelope.type} rejected`);
                return;
              }
              const permanent =
                error instanceof PermanentError ||
                error instanceof MessageValidationError ||
                error instanceof DomainError;
              await fail(envelope, error, permanent);
            }
          },
        ),
    );
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
  const listen = (queue: string) => {
    const connection = createRedis(deps.redisUrl);
    const worker = new Worker<Delivery>(queue, (job) => deliver(queue, job), {
      connection,
      prefix: deps.names.prefix,
      concurrency: options.concurrency ?? 16,
      ...workerLockSettings,
    });
    worker.on("error", (error) => log.error({ err: error, queue }, "queue worker error"));
    workers.push({ worker, connection });
  };
  if (commands.size > 0) listen(deps.names.commandQueue(module.name));
  if (events.size > 0) listen(deps.names.eventQueue(module.name));

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
