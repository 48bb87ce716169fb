import type { Tenant } from "@koban/contracts";
import type { ConsoleDeps } from "../trpc.ts";
import { partnerProcedure, router } from "../trpc.ts";

/**
 * The day the overview counts: a calendar day in the programs' time zone (settlements count days
 * the same way), or in UTC when the tenant's programs do not share one or it has none.
 */
async function timeZoneOf(deps: ConsoleDeps, tenant: Tenant): Promise<string> {
  const programs = await deps.query.programs.list.query({ tenant, limit: 100 });
  const zones = new Set(programs.data.map((program) => program.timezone));
  const [only] = zones;
  return zones.size === 1 && only ? only : "UTC";
}

/** Today's authorizations, summed by the query side: counts, approval rate, volume, declines, hours. */
const today = partnerProcedure(["authorization", "read"]).query(async ({ ctx }) =>
  ctx.query.authorizations.summary.query({ tenant: ctx.tenant, timeZone: await timeZoneOf(ctx, ctx.tenant) }),
);

export const overviewRouter = router({ today });
