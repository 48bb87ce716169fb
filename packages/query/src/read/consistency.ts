import type { Tenant } from "@koban/contracts";
import type { Pool } from "@koban/db";
import { readAs } from "./access.ts";

export interface StreamPoint {
  streamId: string;
  version: number;
}

/**
 * A Koban-Consistency token names the streams a write changed and the version it brought each
 * to. It is opaque to clients; a GET that sends it back waits until the read model has them all.
 */
export function consistencyToken(streamId: string, version: number, ...more: StreamPoint[]): string {
  const points = [{ streamId, version }, ...more];
  return Buffer.from(points.map((p) => `${p.streamId}@${p.version}`).join(",")).toString("base64url");
}

export function parseConsistencyToken(token: string): StreamPoint[] | undefined {
  const points = Buffer.from(token, "base64url").toString().split(",");
  const parsed = points.map((point) => /^([^,@]+)@(\d+)$/.exec(point));
  if (parsed.some((match) => !match)) return undefined;
  return parsed.map((match) => ({ streamId: match?.[1] ?? "", version: Number(match?.[2]) }));
}

/** Resolves true once the read model has applied every stream of the token, false at the deadline. */
export async function waitForConsistency(
  pool: Pool,
  tenant: Tenant,
  token: string,
  timeoutMs: number,
): Promise<boolean> {
  const targets = parseConsistencyToken(token);
  if (!targets) return true;
  const streamIds = targets.map((target) => target.streamId);
  const deadline = Date.now() + timeoutMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    const { rows } = await readAs(pool, { tenant }, (db) =>
      db.query<{ stream_id: string; version: number }>(
        "SELECT stream_id, version FROM query.stream_versions WHERE stream_id = ANY($1)",
        [streamIds],
      ),
    );
    const applied = new Map(rows.map((row) => [row.stream_id, row.version]));
    if (targets.every((target) => (applied.get(target.streamId) ?? 0) >= target.version)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
