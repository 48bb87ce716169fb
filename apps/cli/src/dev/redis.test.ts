import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { resolveRedis } from "./redis.ts";

const localReachable = await new Redis("redis://127.0.0.1:6379", { lazyConnect: true, retryStrategy: () => null })
  .on("error", () => {})
  .connect()
  .then(
    () => true,
    () => false,
  );
const hasRedisServer = await Promise.any(
  (process.env.PATH ?? "")
    .split(path.delimiter)
    .map((dir) => fs.access(path.join(dir, "redis-server"), fs.constants.X_OK)),
).then(
  () => true,
  () => false,
);

describe("resolveRedis", () => {
  const dataDir = path.join(os.tmpdir(), `koban-redis-test-${process.pid}`);
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  it.runIf(localReachable)("uses the local Redis on 6379 when it answers", async () => {
    const redis = await resolveRedis({ dataDir });
    expect(redis.url).toBe("redis://127.0.0.1:6379");
    await redis.stop();
  });

  it("rejects an unreachable REDIS_URL with a clear message", async () => {
    await expect(resolveRedis({ url: "redis://:secret@127.0.0.1:1", dataDir })).rejects.toThrow(
      "Redis at redis://:***@127.0.0.1:1 (REDIS_URL) is not reachable: connect ECONNREFUSED 127.0.0.1:1",
    );
  });

  it.runIf(hasRedisServer)("spawns redis-server when nothing answers, and stop() kills it", async () => {
    const redis = await resolveRedis({ dataDir, localUrl: "redis://127.0.0.1:1" });
    expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:63\d\d$/);
    const client = new Redis(redis.url);
    expect(await client.ping()).toBe("PONG");
    client.disconnect();
    await redis.stop();
    await expect(resolveRedis({ url: redis.url, dataDir })).rejects.toThrow(/not reachable/);
  });
});
