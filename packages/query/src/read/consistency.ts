import type { Tenant } from "@koban/contracts";
import type { Pool } from "@koban/db";
import { readAs } from "./access.ts";

/**
 * A Koban-Consistency token names a stream and the version a write brought it to. It is
 * opaque to clients; a GET that sends it back waits until the read model has that version.
 */
export function consistencyToken(streamId: string, version: number): string {
  return Buffer.from(`${streamId}@${version}`).toString("base64url");
}

export function parseConsistencyToken(token: string): { streamId: string; version: number } | undefined {
  const match = /^(.+)@(\d+)$/.exec(Buffer.from(token, "base64url").toString());
  return match?.[1] && match[2] ? { streamId: match[1], version: Number(match[2]) } : undefined;
}

/** Resolves true once the read model has applied the token's version, false at the deadline. */
export async function waitForConsistency(
  pool: Pool,
  tenant: Tenant,
  token: string,
  timeoutMs: number,
): Promise<boolean> {
  const target = parseConsistencyToken(token);
  if (!target) return true;
  const deadline = Date.now() + timeoutMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    const { rows } = await readAs(pool, { tenant }, (db) =>
      db.query<{ version: number }>("SELECT version FROM query.stream_versions WHERE stream_id = $1", [
        target.streamId,
      ]),
    );
    if ((rows[0]?.version ?? 0) >= target.version) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
