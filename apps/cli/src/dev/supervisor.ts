import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface SupervisedProcess {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

export interface SuperviseOptions {
  /** Decides from an output line (stdout or stderr) that a process is ready. Default: the line contains `"msg":"ready"`. */
  ready?: (line: string, name: string) => boolean;
  /** Default 60 s. */
  readyTimeoutMs?: number;
  /** Grace period after SIGTERM before SIGKILL. Default 10 s. */
  stopTimeoutMs?: number;
  /** Stop on SIGINT/SIGTERM. Default true. */
  handleSignals?: boolean;
  /** Where prefixed output lines go. Default: stdout. */
  write?: (line: string) => void;
  cwd?: string;
}

export interface Supervisor {
  /** Resolves once every process is ready; rejects if one dies first or the timeout passes. */
  ready: Promise<void>;
  /** Resolves once all processes exited after stop()/a signal; rejects (after stopping the rest) if one died unexpectedly. */
  stopped: Promise<void>;
  stop(): Promise<void>;
}

const COLOURS = [36, 35, 33, 32, 34, 96, 95, 93];
const LEVELS: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };

export function supervise(processes: SupervisedProcess[], options: SuperviseOptions = {}): Supervisor {
  const {
    ready: isReady = (line) => line.includes('"msg":"ready"'),
    readyTimeoutMs = 60_000,
    stopTimeoutMs = 10_000,
    handleSignals = true,
    write = (line) => process.stdout.write(`${line}\n`),
    cwd,
  } = options;
  const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  const width = Math.max(...processes.map((p) => p.name.length));

  let stopping: Promise<void> | undefined;
  let failure: Error | undefined;
  const notReady = new Set(processes.map((p) => p.name));
  const ready = deferred();
  const stopped = deferred();
  if (processes.length === 0) ready.resolve();

  const children = processes.map((spec, i) => {
    const prefix = paint(`${spec.name.padEnd(width)} |`, COLOURS[i % COLOURS.length] ?? 0, colour);
    // Own process group, so a terminal Ctrl-C reaches only us and each child gets exactly one SIGTERM, from stop().
    const child = spawn(spec.command, spec.args, {
      cwd,
      env: { ...process.env, ...spec.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const exited = new Promise<void>((resolve) => {
      child.once("error", (err) => {
        fail(new Error(`${spec.name} failed to start: ${err.message}`));
        resolve();
      });
      child.once("close", (code, signal) => {
        if (!stopping)
          fail(
            new Error(
              `${spec.name} exited unexpectedly with ${code === null ? `signal ${signal}` : `exit code ${code}`}`,
            ),
          );
        resolve();
      });
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on("line", (line) => {
        for (const part of format(line, colour).split("\n")) write(`${prefix} ${part}`);
        if (notReady.has(spec.name) && isReady(line, spec.name)) {
          notReady.delete(spec.name);
          if (notReady.size === 0) ready.resolve();
        }
      });
    }
    return { child, exited };
  });

  const readyTimer = setTimeout(() => {
    fail(new Error(`Timed out after ${readyTimeoutMs / 1000}s waiting for ${[...notReady].join(", ")} to be ready`));
  }, readyTimeoutMs);
  ready.promise.then(
    () => clearTimeout(readyTimer),
    () => clearTimeout(readyTimer),
  );

  const onSignal = () => {
    // A second Ctrl-C means "now".
    if (stopping) signalAll("SIGKILL");
    else void stop();
  };
  // Children are in their own groups, so they would outlive us if we exited without stop().
  const killOnExit = () => signalAll("SIGTERM");
  if (handleSignals) {
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }
  process.on("exit", killOnExit);

  function signalAll(signal: NodeJS.Signals) {
    for (const { child } of children) {
      if (child.pid === undefined) continue;
      try {
        process.kill(-child.pid, signal); // the whole group, so wrappers like npx/tsx can't leave orphans
      } catch {} // already gone
    }
  }

  function fail(err: Error) {
    if (stopping) return;
    failure = err;
    void stop();
  }

  function stop(): Promise<void> {
    stopping ??= (async () => {
      signalAll("SIGTERM");
      const force = setTimeout(() => signalAll("SIGKILL"), stopTimeoutMs);
      await Promise.all(children.map((c) => c.exited));
      clearTimeout(force);
      clearTimeout(readyTimer);
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      process.off("exit", killOnExit);
      if (failure) {
        ready.reject(failure);
        stopped.reject(failure);
      } else {
        ready.reject(new Error("Stopped before all processes were ready"));
        stopped.resolve();
      }
    })();
    return stopping;
  }

  return { ready: ready.promise, stopped: stopped.promise, stop };
}

/** `level msg` for pino JSON lines (plus the error, if any); anything else verbatim. */
function format(line: string, colour: boolean): string {
  if (!line.startsWith("{")) return line;
  let entry: { level?: unknown; msg?: unknown; err?: { stack?: unknown; message?: unknown } };
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof entry.level !== "number" || typeof entry.msg !== "string") return line;
  const level = LEVELS[entry.level] ?? String(entry.level);
  const code = entry.level >= 50 ? 31 : entry.level >= 40 ? 33 : 2;
  const err = entry.err?.stack ?? entry.err?.message;
  return `${paint(level.padEnd(5), code, colour)} ${entry.msg}${typeof err === "string" ? `\n${err}` : ""}`;
}

function paint(text: string, code: number, colour: boolean): string {
  return colour ? `\x1b[${code}m${text}\x1b[0m` : text;
}

function deferred() {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Callers often await only one of ready/stopped; the other must not crash the process as an unhandled rejection.
  promise.catch(() => {});
  return { promise, resolve, reject };
}
