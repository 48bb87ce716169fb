import { randomBytes } from "node:crypto";
import { type BusNames, busNames, createRedis, type Redis } from "@koban/messaging";

export interface TestBus {
  env: string;
  names: BusNames;
  redisUrl: string;
  redis: Redis;
  /** Deletes every key of this run (what FLUSHALL would do, without touching other runs). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** A Redis key prefix of its own per test file. */
export function createTestBus(): TestBus {
  const env = `t${randomBytes(5).toString("hex")}`;
  const names = busNames(env);
  const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
  const redis = createRedis(redisUrl);
  const flush = async () => {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${names.prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== "0");
  };
  return {
    env,
    names,
    redisUrl,
    redis,
    flush,
    async close() {
      await flush();
      redis.disconnect();
    },
  };
}
