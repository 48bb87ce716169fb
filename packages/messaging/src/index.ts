export { type BusDeps, type ConsumerOptions, type Delivery, startContext, workerLockSettings } from "./consumer.ts";
export {
  type CommandHandler,
  type ContextModule,
  defineContext,
  type EventHandler,
  type EventRegistration,
  type HandlerContext,
  inLane,
  type Lane,
  onCommand,
  onEvent,
} from "./context.ts";
export { type DeadLetter, listDeadLetters, replayDeadLetter } from "./dead-letters.ts";
export { PermanentError } from "./errors.ts";
export { headPosition, readAll, readCorrelation, readStream, type StoredEvent } from "./eventstore.ts";
export { defaultRetryPolicy, type RetryPolicy, retryDelay } from "./failures.ts";
export { claimInbox } from "./inbox.ts";
export { createCommand, createDocument, createEvent, type MessageOrigin } from "./message.ts";
export { migrateBus, migrateMessagingTables } from "./migrations.ts";
export { type BusNames, busNames } from "./names.ts";
export { appendToOutbox } from "./outbox.ts";
export { busJobOptions, Publisher } from "./publisher.ts";
export { createRedis, type Redis } from "./redis.ts";
export { Relay, type RelayOptions } from "./relay.ts";
export { ReplyChannel, startOperationRecorder } from "./reply.ts";
export { buildTopology, type EventQueue, eventQueuesOf, type Topology, type TopologyOptions } from "./topology.ts";
