import type {
  CommandDefinition,
  ContextName,
  Envelope,
  EventDefinition,
  PayloadOf,
  ResultOf,
  Tenant,
} from "@koban/contracts";
import type { Tx } from "@koban/db";

/** What a handler may do besides touching its own tables: emit events, in the same transaction. */
export interface HandlerContext {
  readonly tx: Tx;
  /** The tenant of the message being handled. */
  readonly tenant: Tenant | null;
  emit<D extends EventDefinition>(
    definition: D,
    payload: PayloadOf<D>,
    stream: { id: string; version: number },
    tenant?: Tenant | null,
  ): void;
}

export type CommandHandler<C extends CommandDefinition> = (
  command: Envelope<PayloadOf<C>>,
  context: HandlerContext,
) => Promise<ResultOf<C>>;

export type EventHandler<E extends EventDefinition> = (
  event: Envelope<PayloadOf<E>>,
  context: HandlerContext,
) => Promise<void>;

export interface CommandRegistration {
  readonly definition: CommandDefinition;
  readonly handle: CommandHandler<CommandDefinition>;
}

export interface EventRegistration {
  readonly definition: EventDefinition;
  readonly handle: EventHandler<EventDefinition>;
  /** Its own queue in the context, so long work neither waits behind nor delays the rest. */
  readonly lane?: Lane;
}

/**
 * A subscriber queue of its own within a context (`evt.<context>.<name>`), worked by at most
 * `concurrency` jobs at once whatever the context's concurrency: for handlers that contend on
 * the same rows, where more at once only queue on a lock while holding connections.
 */
export interface Lane {
  readonly name: string;
  readonly concurrency: number;
  /**
   * At most this many of a job's messages in one transaction (a job carries up to 100): a
   * transaction holds its row locks until it commits, so bulk work on rows that real-time work
   * needs too commits in short steps and lets that work in between.
   */
  readonly transactionSize?: number;
}

export function onCommand<C extends CommandDefinition>(definition: C, handle: CommandHandler<C>): CommandRegistration {
  return { definition, handle: handle as unknown as CommandHandler<CommandDefinition> };
}

export function onEvent<E extends EventDefinition>(definition: E, handle: EventHandler<E>): EventRegistration {
  return { definition, handle: handle as unknown as EventHandler<EventDefinition> };
}

/** The same subscription, on the lane's queue. */
export function inLane(lane: Lane, registration: EventRegistration): EventRegistration {
  return { ...registration, lane };
}

/** What a bounded context offers the apps: its schema, its migrations, what it handles. */
export interface ContextModule {
  readonly name: ContextName;
  readonly schema: string;
  /** Folder of the context's own SQL migrations. */
  readonly migrations: string;
  readonly commands: readonly CommandRegistration[];
  readonly events: readonly EventRegistration[];
  /**
   * false for a context whose handlers act outside Postgres (an HTTP call): a batch that rolls
   * back is delivered again one message at a time, which would repeat such an act.
   */
  readonly batching?: boolean;
}

export function defineContext(module: ContextModule): ContextModule {
  const owned = module.commands.filter((c) => c.definition.context !== module.name);
  if (owned.length > 0) {
    throw new Error(
      `${module.name} handles commands it does not own: ${owned.map((c) => c.definition.type).join(", ")}`,
    );
  }
  return module;
}
