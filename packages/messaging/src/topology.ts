import { allDefinitions, type Envelope, findDefinition } from "@koban/contracts";
import type { ContextModule, EventRegistration } from "./context.ts";
import type { BusNames } from "./names.ts";

/** Where each message goes: events to every subscriber, commands to their owner, documents to replyTo. */
export interface Topology {
  /** Schemas whose outbox the relay drains. */
  readonly outboxes: readonly string[];
  /** Every queue an event or a command can be routed to (reply queues aside). */
  readonly queues: readonly string[];
  route(envelope: Envelope): string[];
}

export interface TopologyOptions {
  /** Schemas besides the contexts' whose outbox the relay drains (the facade's). */
  extraOutboxes?: readonly string[];
  /**
   * Also send every answered document to the shared operations queue, so an operation
   * completes even if the process that asked died before its answer came.
   */
  recordOperations?: boolean;
}

export function buildTopology(
  names: BusNames,
  contexts: readonly ContextModule[],
  options: TopologyOptions = {},
): Topology {
  const subscribers = new Map<string, string[]>();
  for (const context of contexts) {
    for (const { queue, events } of eventQueuesOf(names, context)) {
      for (const { definition } of events) {
        const queues = subscribers.get(definition.type) ?? [];
        queues.push(queue);
        subscribers.set(definition.type, queues);
      }
    }
  }
  const commandQueues = allDefinitions()
    .filter((definition) => definition.kind === "command")
    .map((definition) => names.commandQueue(definition.context));
  return {
    outboxes: [...contexts.map((c) => c.schema), ...(options.extraOutboxes ?? [])],
    queues: [
      ...new Set([
        ...[...subscribers.values()].flat(),
        ...commandQueues,
        ...(options.recordOperations ? [names.operationsQueue] : []),
      ]),
    ],
    route(envelope) {
      switch (envelope.kind) {
        case "event":
          return subscribers.get(envelope.type) ?? [];
        case "command": {
          const owner = findDefinition(envelope.type, envelope.version)?.context;
          return owner ? [names.commandQueue(owner)] : [];
        }
        case "document":
          if (!envelope.replyTo) return [];
          return options.recordOperations
            ? [names.replyQueue(envelope.replyTo), names.operationsQueue]
            : [names.replyQueue(envelope.replyTo)];
      }
    },
  };
}

export interface EventQueue {
  readonly queue: string;
  readonly events: readonly EventRegistration[];
  /** Set for a lane: at most this many jobs at once. */
  readonly concurrency?: number;
  /** Set for a lane that says so: at most this many messages in one transaction. */
  readonly transactionSize?: number;
}

/** A context's event queues: its shared one (`evt.<context>`) and one per lane (`evt.<context>.<lane>`). */
export function eventQueuesOf(names: BusNames, context: ContextModule): EventQueue[] {
  const shared = context.events.filter((event) => !event.lane);
  const lanes = new Map<string, EventRegistration[]>();
  for (const event of context.events) {
    if (event.lane) lanes.set(event.lane.name, [...(lanes.get(event.lane.name) ?? []), event]);
  }
  return [
    ...(shared.length > 0 ? [{ queue: names.eventQueue(context.name), events: shared }] : []),
    ...[...lanes].map(([lane, events]) => ({
      queue: names.eventQueue(`${context.name}.${lane}`),
      events,
      concurrency: Math.min(...events.map((event) => event.lane?.concurrency ?? 1)),
      transactionSize: smallest(events.map((event) => event.lane?.transactionSize)),
    })),
  ];
}

function smallest(sizes: ReadonlyArray<number | undefined>): number | undefined {
  const given = sizes.filter((size): size is number => size !== undefined);
  return given.length > 0 ? Math.min(...given) : undefined;
}
