import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{apps,packages,sdk}/**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    // Integration tests start real processes against the real Postgres and Redis.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
