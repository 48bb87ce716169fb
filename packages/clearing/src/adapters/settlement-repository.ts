import type { Settlement, SettlementStore } from "../application/settle.ts";

/** A posted, unsettled transaction of the tenant and currency whose posting day, in its program's time zone, is the date ($1) or before. */
const DUE = `t.status = 'posted' AND t.settlement_id IS NULL
  AND (t.posted_at AT TIME ZONE p.timezone)::date <= $1::date`;

interface SettlementRow {
  id: string;
  partner_id: string;
  livemode: boolean;
  currency: string;
  date: string;
  time_zone: string;
  totals: Settlement["totals"];
  transaction_count: number;
  status: Settlement["status"];
  calculated_at: Date;
}

export const settlementRepository: SettlementStore = {
  async lockRuns(db) {
    await db.query("SELECT pg_advisory_xact_lock(hashtext('clearing.settlements'))");
  },
  /** A group's time zone names its days: its earliest program's (ids sort by creation), which a new program never changes. */
  async dueGroups(db, date) {
    const { rows } = await db.query<{ partner_id: string; livemode: boolean; currency: string; time_zone: string }>(
      `SELECT t.partner_id, t.livemode, t.currency, (array_agg(p.timezone ORDER BY p.id))[1] AS time_zone
       FROM clearing.transactions t JOIN clearing.programs p ON p.id = t.program_id
       WHERE ${DUE}
         AND NOT EXISTS (SELECT 1 FROM clearing.settlements s WHERE s.partner_id = t.partner_id
                         AND s.livemode = t.livemode AND s.currency = t.currency AND s.date = $1::date)
       GROUP BY t.partner_id, t.livemode, t.currency
       ORDER BY t.partner_id, t.livemode, t.currency`,
      [date],
    );
    return rows.map((row) => ({
      tenant: { partnerId: row.partner_id, livemode: row.livemode },
      currency: row.currency,
      timeZone: row.time_zone,
    }));
  },
  async assign(db, group, date, settlementId) {
    const { rows } = await db.query<{
      id: string;
      type: "purchase" | "refund" | "force_post";
      amount: number;
      fee: number;
      shortfall: number;
    }>(
      `UPDATE clearing.transactions t SET settlement_id = $5
       FROM clearing.programs p
       WHERE p.id = t.program_id AND ${DUE} AND t.partner_id = $2 AND t.livemode = $3 AND t.currency = $4
       RETURNING t.id, t.type, t.amount, t.fee, coalesce(t.shortfall, 0) AS shortfall`,
      [date, group.tenant.partnerId, group.tenant.livemode, group.currency, settlementId],
    );
    return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  },
  async insert(db, s) {
    await db.query(
      `INSERT INTO clearing.settlements (id, partner_id, livemode, currency, date, time_zone, totals, transaction_count,
         status, calculated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        s.id,
        s.tenant.partnerId,
        s.tenant.livemode,
        s.currency,
        s.date,
        s.timeZone,
        JSON.stringify(s.totals),
        s.transactionCount,
        s.status,
        s.calculatedAt,
      ],
    );
  },
  async on(db, date) {
    const { rows } = await db.query<SettlementRow>(
      `SELECT id, partner_id, livemode, currency, to_char(date, 'YYYY-MM-DD') AS date, time_zone, totals,
              transaction_count, status, calculated_at
       FROM clearing.settlements WHERE date = $1::date ORDER BY id`,
      [date],
    );
    return rows.map((row) => ({
      id: row.id,
      tenant: { partnerId: row.partner_id, livemode: row.livemode },
      currency: row.currency,
      date: row.date,
      timeZone: row.time_zone,
      totals: row.totals,
      transactionCount: row.transaction_count,
      status: row.status,
      calculatedAt: row.calculated_at,
    }));
  },
  async markPosted(db, tenant, settlementId, at) {
    await db.query(
      `UPDATE clearing.settlements SET status = 'posted', posted_at = $4
       WHERE id = $1 AND partner_id = $2 AND livemode = $3 AND status = 'calculated'`,
      [settlementId, tenant.partnerId, tenant.livemode, at],
    );
  },
  async lockDueSchedules(db, now) {
    const { rows } = await db.query<{ name: string; time_zone: string; next_run_at: Date }>(
      `SELECT name, time_zone, next_run_at FROM clearing.settlement_schedule WHERE next_run_at <= $1
       ORDER BY next_run_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    return rows.map((row) => ({ name: row.name, timeZone: row.time_zone, nextRunAt: row.next_run_at }));
  },
  async advanceSchedule(db, name, settled, now) {
    await db.query(
      `UPDATE clearing.settlement_schedule
       SET next_run_at = ((next_run_at AT TIME ZONE time_zone)::date + 1 + run_at) AT TIME ZONE time_zone,
           last_settled_date = $2, last_run_at = $3
       WHERE name = $1`,
      [name, settled, now],
    );
  },
};
