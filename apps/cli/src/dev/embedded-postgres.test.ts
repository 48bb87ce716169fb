import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded-postgres.ts";

const PORT = 54399;

async function query(url: string, sql: string) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("startEmbeddedPostgres", () => {
  let tmp: string | undefined;
  afterAll(async () => {
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it("starts Postgres 18, stops, and restarts on the same data dir keeping data", async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), "koban-pg-test-"));
    await fs.chmod(tmp, 0o755); // when root, postgres runs as the `postgres` user and must reach the data dir
    const dataDir = path.join(tmp, "postgres");

    const first = await startEmbeddedPostgres({ dataDir, port: PORT });
    try {
      expect(first.url).toBe(`postgres://postgres:postgres@127.0.0.1:${PORT}/koban`);
      const [row] = await query(first.url, "select version()");
      expect(row.version).toMatch(/^PostgreSQL 18\./);
      await query(first.url, "create table kept (id int); insert into kept values (42)");
    } finally {
      await first.stop();
    }
    await expect(query(first.url, "select 1")).rejects.toThrow();

    const second = await startEmbeddedPostgres({ dataDir, port: PORT });
    try {
      expect(await query(second.url, "select id from kept")).toEqual([{ id: 42 }]);
      await expect(startEmbeddedPostgres({ dataDir, port: PORT + 1 })).rejects.toThrow(/already running \(pid \d+\)/);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
