import { execFile } from "node:child_process";
import { connect } from "node:net";
import { promisify } from "node:util";
import type { Pool } from "@koban/db";
import type { TestBus } from "@koban/testing";

/** An independent Luhn check (not card's own), so a bug there cannot hide a leak here. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Every run of 13 to 19 digits that could be a card number: standing alone (not inside a hex
 * digest or an id, nor the fraction of a decimal number such as a latency `12.3676774020084452`),
 * Luhn-valid, and starting with a card scheme's major industry digit (2 to 6), as data-loss
 * scanners require, so millisecond timestamps (1…) are not taken for card numbers.
 */
export function cardNumbersIn(text: string): string[] {
  return [...text.matchAll(/(?<![0-9A-Za-z]|\d\.)[2-6]\d{12,18}(?![0-9A-Za-z])/g)]
    .map((match) => match[0])
    .filter(luhnValid);
}

/** Every row of every table in the database, as text. */
export async function everyRow(pool: Pool): Promise<string> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const texts: string[] = [];
  for (const { name } of tables) {
    const { rows } = await pool.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
    texts.push(...rows.map((row) => `${name} ${row.row}`));
  }
  return texts.join("\n");
}

/** A plain SQL dump of the whole database, as a backup would hold it. */
export async function plainDump(databaseUrl: string): Promise<string> {
  const { stdout } = await promisify(execFile)("pg_dump", ["--no-owner", "--no-privileges", databaseUrl], {
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout;
}

/** Every value under the run's prefix now, whatever its type. */
export async function everyRedisValue(bus: TestBus): Promise<string> {
  const { redis } = bus;
  const keys = await redis.keys(`${bus.names.prefix}:*`);
  const values = await Promise.all(
    keys.map(async (key) => {
      switch (await redis.type(key)) {
        case "string":
          return redis.get(key);
        case "hash":
          return JSON.stringify(await redis.hgetall(key));
        case "list":
          return JSON.stringify(await redis.lrange(key, 0, -1));
        case "set":
          return JSON.stringify(await redis.smembers(key));
        case "zset":
          return JSON.stringify(await redis.zrange(key, 0, -1));
        case "stream":
          return JSON.stringify(await redis.xrange(key, "-", "+"));
        default:
          return "";
      }
    }),
  );
  return [...keys, ...values].join("\n");
}

/**
 * Records every command Redis runs that names this run's prefix, arguments included (MONITOR):
 * what passed through Redis, even jobs removed once done. A bare socket, as MONITOR's output is
 * plain lines (`+<time> [db client] "cmd" "arg" …`) and client libraries handle it poorly.
 */
export async function watchRedis(bus: TestBus): Promise<{ seen: () => string; stop: () => Promise<void> }> {
  const url = new URL(bus.redisUrl);
  const socket = connect({ host: url.hostname, port: Number(url.port || 6379) });
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  if (url.password)
    socket.write(`AUTH ${decodeURIComponent(url.username || "default")} ${decodeURIComponent(url.password)}\r\n`);
  socket.write("MONITOR\r\n");
  const seen: string[] = [];
  let partial = "";
  socket.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString("utf8")).split("\r\n");
    partial = lines.pop() ?? "";
    for (const line of lines) if (line.includes(bus.names.prefix)) seen.push(line);
  });
  return {
    seen: () => seen.join("\n"),
    async stop() {
      socket.destroy();
    },
  };
}
