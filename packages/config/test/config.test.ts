import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError, devOnlyKey, loadEnv, loadKeyRingVariable, platformEnv } from "../src/index.ts";

describe("loadEnv", () => {
  it("fails naming each missing or invalid variable", () => {
    const load = () => loadEnv({ ...platformEnv, PORT: z.coerce.number().int() }, { PORT: "eighty" });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/DATABASE_URL is missing/);
    expect(load).toThrow(/PORT is invalid/);
  });

  it("applies defaults for a local run", () => {
    const env = loadEnv(platformEnv, { DATABASE_URL: "postgres://localhost/koban" });
    expect(env).toMatchObject({ REDIS_URL: "redis://127.0.0.1:6379", KOBAN_ENV: "dev", DB_POOL_MAX: 8 });
  });
});

describe("a key ring variable", () => {
  const dev = `1:${devOnlyKey("test ring")}`;
  const real = `1:${Buffer.alloc(32, 9).toString("base64")},2:${Buffer.alloc(32, 8).toString("base64")}`;

  it("takes its dev-only value outside production, and the newest key encrypts", () => {
    expect(loadKeyRingVariable("SOME_KEYS", dev, {}).current).toBe(1);
    expect(loadKeyRingVariable("SOME_KEYS", dev, { SOME_KEYS: real }).current).toBe(2);
  });

  it("is required in production, where the dev-only value is refused", () => {
    expect(() => loadKeyRingVariable("SOME_KEYS", dev, { KOBAN_ENV: "prod" })).toThrow(/SOME_KEYS is missing/);
    expect(() => loadKeyRingVariable("SOME_KEYS", dev, { KOBAN_ENV: "prod", SOME_KEYS: dev })).toThrow(
      /SOME_KEYS is invalid: is the dev-only key/,
    );
    expect(loadKeyRingVariable("SOME_KEYS", dev, { KOBAN_ENV: "prod", SOME_KEYS: real }).keys.size).toBe(2);
  });
});
