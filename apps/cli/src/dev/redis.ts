import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import { Redis } from "ioredis";

export interface ResolveRedisOptions {
  /** Explicit Redis (REDIS_URL); used as-is, never replaced by a fallback. */
  url?: string;
  /** Working directory for a spawned redis-server. */
  dataDir: string;
  /** The well-known local Redis to try before spawning one. */
  localUrl?: string;
}

export interface ResolvedRedis {
  url: string;
  stop(): Promise<void>;
}

const FIRST_SPAWN_PORT = 6380;
const MAX_SPAWN_PORT = 6399;
const STOP_TIMEOUT_MS = 10_000;

/** Finds a Redis for dev: REDIS_URL, else a local 6379, else a spawned redis-server. */
export async function resolveRedis({
  url,
  dataDir,
  localUrl = "redis://127.0.0.1:6379",
}: ResolveRedisOptions): Promise<ResolvedRedis> {
  const noop = async () => {};
  if (url) {
    const error = await ping(url);
    if (error) throw new Error(`Redis at ${redact(url)} (REDIS_URL) is not reachable: ${error}`);
    return { url, stop: noop };
  }
  if (!(await ping(localUrl))) return { url: localUrl, stop: noop };
  if (!(await onPath("redis-server"))) {
    throw new Error(
      "Redis is needed: install it (apt-get install redis-server / brew install redis) or set REDIS_URL.",
    );
  }
  return spawnRedis(path.resolve(dataDir));
}

/** Resolves to undefined when PING succeeds, else to the reason it failed. */
async function ping(url: string): Promise<string | undefined> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // The 'error' event carries the real cause (ECONNREFUSED, ENOTFOUND…); connect() only says "Connection is closed".
  let cause: Error | undefined;
  client.on("error", (err: Error) => {
    cause ??= err;
  });
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (err) {
    return (cause ?? (err as Error)).message;
  } finally {
    client.disconnect();
  }
}

async function spawnRedis(dataDir: string): Promise<ResolvedRedis> {
  await fs.mkdir(dataDir, { recursive: true });
  for (let port = FIRST_SPAWN_PORT; port <= MAX_SPAWN_PORT; port++) {
    if (!(await portIsFree(port))) continue;
    const stop = await startRedisServer(port, dataDir);
    if (stop) return { url: `redis://127.0.0.1:${port}`, stop };
  }
  throw new Error(`Could not start redis-server: no free port in ${FIRST_SPAWN_PORT}-${MAX_SPAWN_PORT}.`);
}

/** Resolves to a stop function, or undefined if the port was taken meanwhile. */
function startRedisServer(port: number, dataDir: string): Promise<(() => Promise<void>) | undefined> {
  // Own process group: Ctrl-C in the terminal must not kill Redis before the apps have drained.
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dataDir],
    { detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const killOnExit = () => child.kill("SIGTERM");
  process.on("exit", killOnExit);

  const stop = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let ready = false;
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on("line", (line) => {
        if (ready) return;
        lines.push(line);
        if (line.includes("Ready to accept connections")) {
          ready = true;
          resolve(stop);
        }
      });
    }
    child.once("error", (err) => {
      process.off("exit", killOnExit);
      reject(new Error(`Could not start redis-server: ${err.message}`));
    });
    child.once("close", (code) => {
      process.off("exit", killOnExit);
      if (ready) return;
      const output = lines.join("\n");
      if (output.includes("Address already in use")) resolve(undefined);
      else reject(new Error(`redis-server exited during startup (code ${code}):\n${lines.slice(-10).join("\n")}`));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function onPath(command: string): Promise<boolean> {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    try {
      await fs.access(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {}
  }
  return false;
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url;
  }
}
