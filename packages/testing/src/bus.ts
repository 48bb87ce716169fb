import { randomBytes } from "node:crypto";
import { type BusNames, busNames, createRedis, type Redis } from "@koban/messaging";

export interface TestBus {
  env: string;
  names: BusNames;
  redisUrl: string;
  redis: Redis;
  /** Deletes every key of this run at one instant: what FLUSHALL does, without touching other runs. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

// One script, so Redis runs it atomically like FLUSHALL: no job is left half deleted.
const DELETE_PREFIX = `
local cursor = "0"
repeat
  local page = redis.call("SCAN", cursor, "MATCH", ARGV[1], "COUNT", 1000)
  cursor = page[1]
  for _, key in ipairs(page[2]) do redis.call("DEL", key) end
until cursor == "0"
return 0
`;

/** A Redis key prefix of its own per test file. */
export function createTestBus(): TestBus {
  const env = `t${randomBytes(5).toString("hex")}`;
  const names = busNames(env);
  const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
  const redis = createRedis(redisUrl);
  const flush = async () => {
    await redis.eval(DELETE_PREFIX, 0, `${names.prefix}:*`);
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
