import { tenantSchema, timeZone } from "@koban/contracts";
import { z } from "zod";
import { readAs } from "./access.ts";
import { t } from "./procedure.ts";

interface TotalsRow {
  date: string;
  total: number;
  approved: number;
  declined: number;
}

/**
 * One calendar day of a tenant's authorizations in `timeZone` (today there unless `date` is given),
 * summed in the database so no rows travel: counts, approved volume per currency, declines by
 * reason and an hourly split. "Approved" is the decision (an approval code), whatever happened to
 * the hold since; an authorization not yet decided counts in `total` only.
 */
export const summary = t.procedure
  .input(z.object({ tenant: tenantSchema, timeZone, date: z.iso.date().optional() }))
  .query(({ ctx, input }) =>
    readAs(ctx.pool, { tenant: input.tenant }, async (db) => {
      const day = `WITH day AS (
          SELECT d AS date, d::timestamp AT TIME ZONE $4 AS starts, (d + 1)::timestamp AT TIME ZONE $4 AS ends
          FROM coalesce($3::date, (now() AT TIME ZONE $4)::date) AS d)`;
      const todays = `FROM query.authorizations a, day
        WHERE a.partner_id = $1 AND a.livemode = $2 AND a.created_at >= day.starts AND a.created_at < day.ends`;
      const params = [input.tenant.partnerId, input.tenant.livemode, input.date ?? null, input.timeZone];
      const totals = await db.query<TotalsRow>(
        `${day} SELECT to_char(day.date, 'YYYY-MM-DD') AS date, count(a.id)::int AS total,
                count(a.approval_code)::int AS approved, count(a.decline_reason)::int AS declined
           FROM day LEFT JOIN query.authorizations a ON a.partner_id = $1 AND a.livemode = $2
             AND a.created_at >= day.starts AND a.created_at < day.ends
           GROUP BY day.date`,
        params,
      );
      const volume = await db.query<{ currency: string; amount: string }>(
        `${day} SELECT a.currency, sum(a.amount)::text AS amount ${todays} AND a.approval_code IS NOT NULL
           GROUP BY a.currency ORDER BY a.currency`,
        params,
      );
      const declines = await db.query<{ reason: string; count: number }>(
        `${day} SELECT a.decline_reason AS reason, count(*)::int AS count ${todays} AND a.decline_reason IS NOT NULL
           GROUP BY a.decline_reason ORDER BY count DESC, reason`,
        params,
      );
      const hours = await db.query<{ hour: number; approved: number; declined: number }>(
        `${day} SELECT extract(hour FROM a.created_at AT TIME ZONE $4)::int AS hour,
                count(a.approval_code)::int AS approved, count(a.decline_reason)::int AS declined
           ${todays} GROUP BY 1`,
        params,
      );
      const row = totals.rows[0] as TotalsRow;
      const byHour = new Map(hours.rows.map((hour) => [hour.hour, hour]));
      return {
        date: row.date,
        time_zone: input.timeZone,
        total: row.total,
        approved: row.approved,
        declined: row.declined,
        /** Of the decided ones; null when none is decided yet. */
        approval_rate: row.approved + row.declined > 0 ? row.approved / (row.approved + row.declined) : null,
        approved_volume: volume.rows.map((line) => ({ currency: line.currency, amount: Number(line.amount) })),
        declines_by_reason: declines.rows,
        hourly: Array.from({ length: 24 }, (_, hour) => ({
          hour,
          approved: byHour.get(hour)?.approved ?? 0,
          declined: byHour.get(hour)?.declined ?? 0,
        })),
      };
    }),
  );
