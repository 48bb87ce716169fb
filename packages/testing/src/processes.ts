import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));

export interface AppProcess {
  readonly child: ChildProcess;
  /** Every JSON log line so far. */
  readonly logs: Array<Record<string, unknown>>;
  /** Raw output, for anything that is not a JSON log line. */
  readonly output: string[];
  waitForLog(
    predicate: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** SIGKILL: the process dies at whatever line it is on. */
  kill(): Promise<void>;
  /** SIGTERM, then wait for a clean exit. */
  stop(): Promise<number | null>;
}

/** Starts an app (`apps/<name>/src/main.ts`) as a real OS process. */
export function spawnApp(name: string, env: Record<string, string>, args: string[] = []): AppProcess {
  const child = spawn(process.execPath, ["--import", "tsx", `apps/${name}/src/main.ts`, ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Array<Record<string, unknown>> = [];
  const output: string[] = [];
  const listeners = new Set<() => void>();
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const onLine = (line: string) => {
    output.push(line);
    if (line.startsWith("{")) {
      try {
        logs.push(JSON.parse(line));
      } catch {}
    }
    for (const listener of listeners) listener();
  };
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = "";
    stream?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) onLine(line);
    });
  }
  return {
    child,
    logs,
    output,
    waitForLog(predicate, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = logs.find(predicate);
          if (found) {
            cleanup();
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `apps/${name}: no matching log line within ${timeoutMs} ms. Output:\n${output.slice(-30).join("\n")}`,
            ),
          );
        }, timeoutMs);
        const onExit = () => {
          cleanup();
          reject(new Error(`apps/${name} exited. Output:\n${output.slice(-30).join("\n")}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off("exit", onExit);
        };
        listeners.add(check);
        child.once("exit", onExit);
        check();
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
