import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError, loadEnv, platformEnv } from "../src/index.ts";

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
