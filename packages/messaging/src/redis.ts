import { Redis } from "ioredis";

/** A Redis connection as BullMQ wants it: commands wait for a reconnect instead of failing. */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

export type { Redis };
