import { z } from "zod";
import { readAs } from "./access.ts";
import { t } from "./procedure.ts";
import { type CardholderRow, renderCardholder } from "./render.ts";

/**
 * Reads for Koban's staff, across partners but in one mode at a time, through the explicit
 * staff policy (never a bypass): test-mode rows never reach a live-mode view.
 */

/** Cardholders whose KYC waits for a person: needs_review first, oldest first. */
const kycQueue = t.procedure
  .input(z.object({ livemode: z.boolean(), limit: z.number().int().min(1).max(100).default(50) }))
  .query(async ({ ctx, input }) => {
    const { rows } = await readAs(ctx.pool, { staff: { livemode: input.livemode } }, (db) =>
      db.query<CardholderRow & { partner_id: string; partner_name: string | null }>(
        `SELECT c.id, c.livemode, c.type, c.status, c.kyc_status, c.business_id, c.individual, c.business,
                c.email, c.phone_number, c.address, c.metadata, c.spend_controls, c.created_at,
                c.partner_id, p.name AS partner_name
         FROM query.cardholders c LEFT JOIN query.partners p ON p.id = c.partner_id
         WHERE c.livemode = $1 AND c.kyc_status IN ('needs_review', 'pending') AND c.status <> 'closed'
         ORDER BY c.kyc_status = 'needs_review' DESC, c.created_at, c.id LIMIT $2`,
        [input.livemode, input.limit],
      ),
    );
    return rows.map((row) => ({
      ...renderCardholder(row),
      partner: { id: row.partner_id, name: row.partner_name },
    }));
  });

/** One cardholder of any partner, with its partner: what a staff action needs to address its command. */
const cardholder = t.procedure
  .input(z.object({ livemode: z.boolean(), id: z.string() }))
  .query(async ({ ctx, input }) => {
    const { rows } = await readAs(ctx.pool, { staff: { livemode: input.livemode } }, (db) =>
      db.query<{ id: string; partner_id: string; kyc_status: string }>(
        "SELECT id, partner_id, kyc_status FROM query.cardholders WHERE id = $1 AND livemode = $2",
        [input.id, input.livemode],
      ),
    );
    const row = rows[0];
    return row ? { id: row.id, partnerId: row.partner_id, kycStatus: row.kyc_status } : null;
  });

export const staff = t.router({ kycQueue, cardholder });
