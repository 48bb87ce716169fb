import type { Tenant } from "@koban/contracts";
import type { Pool } from "@koban/db";
import { initTRPC, TRPCError } from "@trpc/server";
import { z } from "zod";
import { waitForConsistency } from "./consistency.ts";

export interface QueryContext {
  pool: Pool;
}

export const t = initTRPC.context<QueryContext>().create();

/** How long a read waits for its own write to reach the read model. */
const CONSISTENCY_WAIT_MS = 3_000;

/** A Koban-Consistency token, as a GET sent it back. */
export const consistency = z.string().max(500).optional();

/** Waits until the read model has the caller's write; never answers with a state older than it. */
export async function readYourWrite(pool: Pool, tenant: Tenant, token: string | undefined): Promise<void> {
  if (token && !(await waitForConsistency(pool, tenant, token, CONSISTENCY_WAIT_MS))) {
    throw new TRPCError({ code: "TIMEOUT", message: "the read model has not reached this write yet" });
  }
}

/** The page a list answers: at most `limit` rows of `rows` (which holds one more if there is more). */
export function page<Row, Out extends { id: string }>(rows: Row[], limit: number, render: (row: Row) => Out) {
  const data = rows.slice(0, limit).map(render);
  const hasMore = rows.length > limit;
  return { data, hasMore, nextCursor: hasMore ? (data.at(-1)?.id ?? null) : null };
}

export const listInput = {
  limit: z.number().int().min(1).max(100),
  startingAfter: z.string().optional(),
  createdGte: z.string().optional(),
  createdLt: z.string().optional(),
  consistency,
};
