import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const stampFile = join(appDir, ".next", "koban-source-hash");
const lockDir = join(appDir, ".next-build-lock");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A digest of everything the production build is made from. */
function sourceHash(): string {
  const hash = createHash("sha256");
  const files = [...filesUnder(join(appDir, "src")), join(appDir, "next.config.ts"), join(appDir, "package.json")];
  for (const file of files.sort()) hash.update(file).update(readFileSync(file));
  return hash.digest("hex");
}

function built(hash: string): boolean {
  try {
    return readFileSync(stampFile, "utf8") === hash;
  } catch {
    return false;
  }
}

/**
 * The console's production build, made once and reused while its sources are unchanged (the
 * tests run `next start`'s server, not the dev server). Test files running in parallel wait for
 * one build rather than each making their own.
 */
export async function ensureConsoleBuild(): Promise<void> {
  const hash = sourceHash();
  if (built(hash)) return;
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${lockDir} held for 10 minutes: remove it if no build runs`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      if (built(hash)) return;
    }
  }
  try {
    if (built(hash)) return;
    execFileSync(process.execPath, [join(appDir, "../../node_modules/next/dist/bin/next"), "build"], {
      cwd: appDir,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
      stdio: "pipe",
    });
    writeFileSync(stampFile, hash);
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
