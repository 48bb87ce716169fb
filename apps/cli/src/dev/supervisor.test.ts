import { describe, expect, it } from "vitest";
import { type SupervisedProcess, supervise } from "./supervisor.ts";

// A child that logs like pino, reports ready, and exits cleanly on SIGTERM.
function child(name: string, body = ""): SupervisedProcess {
  const script = `
    const log = (msg) => console.log(JSON.stringify({ level: 30, msg }));
    process.on("SIGTERM", () => { log("bye"); process.exit(0); });
    setInterval(() => {}, 1000);
    log("ready");
    ${body}
  `;
  return { name, command: process.execPath, args: ["-e", script], env: { CHILD: name } };
}

function collect() {
  const lines: string[] = [];
  return { lines, write: (line: string) => lines.push(line) };
}

describe("supervise", () => {
  it("waits for readiness, prefixes output, and stop() terminates all", async () => {
    const out = collect();
    const sup = supervise([child("api"), child("worker", 'console.log("plain " + process.env.CHILD)')], {
      write: out.write,
      handleSignals: false,
    });
    await sup.ready;
    await sup.stop();
    await sup.stopped;
    expect(out.lines).toContain("api    | info  ready");
    expect(out.lines).toContain("worker | plain worker");
    expect(out.lines).toContain("worker | info  bye");
  });

  it("rejects naming the child that died, and stops the other", async () => {
    const out = collect();
    const sup = supervise([child("api"), child("worker", "setTimeout(() => process.exit(3), 200)")], {
      write: out.write,
      handleSignals: false,
    });
    await sup.ready;
    await expect(sup.stopped).rejects.toThrow("worker exited unexpectedly with exit code 3");
    expect(out.lines).toContain("api    | info  bye");
  });

  it("rejects ready when a child dies before it is ready", async () => {
    const sup = supervise(
      [child("api"), { name: "query", command: process.execPath, args: ["-e", "process.exit(1)"], env: {} }],
      {
        write: () => {},
        handleSignals: false,
      },
    );
    await expect(sup.ready).rejects.toThrow("query exited unexpectedly with exit code 1");
  });

  it("times out with the names of the processes that never became ready", async () => {
    const silent: SupervisedProcess = {
      name: "query",
      command: process.execPath,
      args: ["-e", "setInterval(() => {}, 1000)"],
      env: {},
    };
    const sup = supervise([child("api"), silent], { write: () => {}, handleSignals: false, readyTimeoutMs: 500 });
    await expect(sup.ready).rejects.toThrow("Timed out after 0.5s waiting for query to be ready");
  });

  it("force-kills a child that ignores SIGTERM", async () => {
    const stubborn: SupervisedProcess = {
      name: "stubborn",
      command: process.execPath,
      args: [
        "-e",
        'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000); console.log(JSON.stringify({ msg: "ready" }))',
      ],
      env: {},
    };
    const sup = supervise([stubborn], { write: () => {}, handleSignals: false, stopTimeoutMs: 300 });
    await sup.ready;
    const started = Date.now();
    await sup.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
