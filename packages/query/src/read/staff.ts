import { z } from "zod";
import { readAs } from "./access.ts";
import { t } from "./procedure.ts";
import { type CardholderRow, type ComplianceHoldColumn, renderCardholder, renderComplianceHold } from "./render.ts";

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
                c.email, c.phone_number, c.address, c.metadata, c.spend_controls, c.compliance_hold, c.created_at,
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

/**
 * Every partner, newest first, with its programs in the mode asked for (a partner has no mode;
 * its programs do): what the staff's partner list shows.
 */
const partners = t.procedure.input(z.object({ livemode: z.boolean() })).query(async ({ ctx, input }) => {
  const { rows } = await readAs(ctx.pool, { staff: { livemode: input.livemode } }, (db) =>
    db.query<{
      id: string;
      name: string;
      status: string;
      status_reason: string | null;
      created_at: Date;
      programs: Array<{ id: string; name: string; currency: string }>;
    }>(
      `SELECT p.id, p.name, p.status, p.status_reason, p.created_at,
              coalesce(jsonb_agg(jsonb_build_object('id', g.id, 'name', g.name, 'currency', g.currency)
                ORDER BY g.created_at) FILTER (WHERE g.id IS NOT NULL), '[]') AS programs
       FROM query.partners p LEFT JOIN query.programs g ON g.partner_id = p.id AND g.livemode = $1
       GROUP BY p.id ORDER BY p.created_at DESC, p.id DESC LIMIT 500`,
      [input.livemode],
    ),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    statusReason: row.status_reason,
    createdAt: row.created_at.toISOString(),
    programs: row.programs,
  }));
});

/** One partner, as a staff action needs it to refuse an unknown id. */
const partner = t.procedure.input(z.object({ id: z.string() })).query(async ({ ctx, input }) => {
  const { rows } = await readAs(ctx.pool, { staff: { livemode: true } }, (db) =>
    db.query<{ id: string; name: string; status: string }>(
      "SELECT id, name, status FROM query.partners WHERE id = $1",
      [input.id],
    ),
  );
  return rows[0] ?? null;
});

/**
 * Cardholders of every partner in one mode whose id is the text, or whose name contains it; with
 * `held`, only those under a compliance hold themselves or through one of their cards (every one,
 * when there is no text: compliance's list of open holds).
 */
const searchCardholders = t.procedure
  .input(
    z
      .object({
        livemode: z.boolean(),
        text: z.string().trim().min(1).max(100).optional(),
        held: z.boolean().optional(),
      })
      .refine((input) => input.text !== undefined || input.held, "Search by text, by hold, or both."),
  )
  .query(async ({ ctx, input }) => {
    const text = input.text ?? null;
    const pattern = text === null ? null : `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const { rows } = await readAs(ctx.pool, { staff: { livemode: input.livemode } }, (db) =>
      db.query<CardholderRow & { partner_id: string; partner_name: string | null }>(
        `SELECT c.id, c.livemode, c.type, c.status, c.kyc_status, c.business_id, c.individual, c.business,
                c.email, c.phone_number, c.address, c.metadata, c.spend_controls, c.compliance_hold, c.created_at,
                c.partner_id, p.name AS partner_name
         FROM query.cardholders c LEFT JOIN query.partners p ON p.id = c.partner_id
         WHERE c.livemode = $1
           AND ($2::text IS NULL OR c.id = $2
             OR concat_ws(' ', c.individual->>'first_name', c.individual->>'last_name', c.business->>'legal_name')
                ILIKE $3)
           AND (NOT $4 OR c.id IN (
             SELECT id FROM query.cardholders WHERE compliance_hold IS NOT NULL
             UNION SELECT cardholder_id FROM query.cards WHERE compliance_hold IS NOT NULL))
         ORDER BY c.created_at DESC, c.id DESC LIMIT 50`,
        [input.livemode, text, pattern, input.held ?? false],
      ),
    );
    return rows.map((row) => ({
      ...renderCardholder(row),
      partner: { id: row.partner_id, name: row.partner_name },
    }));
  });

/** A cardholder's cards (any partner's), newest first. */
const cardholderCards = t.procedure
  .input(z.object({ livemode: z.boolean(), cardholderId: z.string() }))
  .query(async ({ ctx, input }) => {
    const { rows } = await readAs(ctx.pool, { staff: { livemode: input.livemode } }, (db) =>
      db.query<{
        id: string;
        partner_id: string;
        type: string;
        status: string;
        last4: string;
        compliance_hold: ComplianceHoldColumn | null;
        created_at: Date;
      }>(
        `SELECT id, partner_id, type, status, last4, compliance_hold, created_at FROM query.cards
         WHERE livemode = $1 AND cardholder_id = $2 ORDER BY created_at DESC, id DESC LIMIT 100`,
        [input.livemode, input.cardholderId],
      ),
    );
    return rows.map((row) => ({
      id: row.id,
      partnerId: row.partner_id,
      type: row.type,
      status: row.status,
      last4: row.last4,
      complianceHold: renderComplianceHold(row.compliance_hold),
      createdAt: row.created_at.toISOString(),
    }));
  });

/** One card of any partner, with its partner: what a staff action needs to address its command. */
const card = t.procedure.input(z.object({ livemode: z.boolean(), id: z.string() })).query(async ({ ctx, input }) => {
  const { rows } = await readAs(ctx.pool, { staff: { livemode: input.livemode } }, (db) =>
    db.query<{ id: string; partner_id: string; status: string }>(
      "SELECT id, partner_id, status FROM query.cards WHERE id = $1 AND livemode = $2",
      [input.id, input.livemode],
    ),
  );
  const row = rows[0];
  return row ? { id: row.id, partnerId: row.partner_id, status: row.status } : null;
});

export const staff = t.router({ kycQueue, cardholder, partners, partner, searchCardholders, cardholderCards, card });
