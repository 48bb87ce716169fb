/**
 * One naming convention for everything the bus creates in Redis, derived from the
 * environment and the context, so any resource can be found or cleaned up without a lookup.
 */
export interface BusNames {
  /** BullMQ key prefix: every key of this installation starts with it. */
  readonly prefix: string;
  readonly epochKey: string;
  eventQueue(subscriber: string): string;
  commandQueue(context: string): string;
  replyQueue(address: string): string;
  /** Documents again, for whichever facade process records operations: the asker may be gone. */
  readonly operationsQueue: string;
}

export function busNames(env: string): BusNames {
  const prefix = `koban:${env}`;
  return {
    prefix,
    epochKey: `${prefix}:bus:epoch`,
    eventQueue: (subscriber) => `evt.${subscriber}`,
    commandQueue: (context) => `cmd.${context}`,
    replyQueue: (address) => `reply.${address}`,
    operationsQueue: "ops.documents",
  };
}

export function isReplyQueue(queue: string): boolean {
  return queue.startsWith("reply.");
}
