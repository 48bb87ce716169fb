import {
  AuthorizationAdvised,
  AuthorizationApproved,
  AuthorizationDeclined,
  AuthorizationExpired,
  AuthorizationHoldResult,
  AuthorizationHoldSettled,
  AuthorizationRequested,
  AuthorizationReversed,
  CardAuthorizationChecked,
  CardAuthorizationSettled,
  CardholderAuthorizationChecked,
  CardholderAuthorizationSettled,
  type Envelope,
  FundingDecided,
  FundingDecisionSettled,
} from "@koban/contracts";
import type { Queryable } from "@koban/db";
import { type EventRegistration, onEvent } from "@koban/messaging";
import { advance } from "./advance.ts";

/** One line of a saga's timeline: who said what about the authorization, and when. */
async function addToTimeline(
  tx: Queryable,
  event: Envelope<{ authorization_id: string }>,
  participant: string,
  step: string,
  detail: Record<string, unknown>,
): Promise<void> {
  if (!event.tenant) return;
  await tx.query(
    `INSERT INTO query.authorization_timeline (message_id, authorization_id, partner_id, livemode, at, participant, step,
       detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
    [
      event.id,
      event.payload.authorization_id,
      event.tenant.partnerId,
      event.tenant.livemode,
      event.occurredAt,
      participant,
      step,
      JSON.stringify(detail),
    ],
  );
}

/** A participant's event: a line of the timeline, once per version of its part's stream. */
function timelineOnly<D extends Parameters<typeof onEvent>[0]>(
  definition: D,
  participant: string,
  step: string,
  detail: (payload: Record<string, unknown>) => Record<string, unknown>,
): EventRegistration {
  return onEvent(definition, async (event, { tx }) => {
    if (!(await advance(tx, event))) return;
    const typed = event as Envelope<{ authorization_id: string } & Record<string, unknown>>;
    await addToTimeline(tx, typed, participant, step, detail(typed.payload));
  });
}

/**
 * Whether the authorization (or, for an increment, the one it grew) has had its last presentment
 * joined: the approval can be projected after the clearing that closed it (other streams), and must
 * not reopen it.
 */
const lastPresentmentPosted = (authorizationId: string) => `EXISTS (SELECT 1 FROM query.transactions t
  WHERE t.authorization_id = ${authorizationId} AND t.sequence = t.count AND t.type IS NOT NULL AND t.type <> 'refund')`;

const verdict = (payload: Record<string, unknown>) => ({ result: payload.result });

export const authorizationProjections: EventRegistration[] = [
  onEvent(AuthorizationRequested, async (event, { tx }) => {
    if (!(await advance(tx, event)) || !event.tenant || !event.stream) return;
    const p = event.payload;
    await tx.query(
      `INSERT INTO query.authorizations (id, partner_id, livemode, card_id, cardholder_id, program_id, status, amount,
         currency, merchant, network, created_at, version, increment_of, hold_id)
       VALUES ($1, $2, $3, $4, $5, $6, 'requested', $7, $8, $9, $10, $11, $12, $13,
         (SELECT detail->>'hold_id' FROM query.authorization_timeline
          WHERE authorization_id = $1 AND participant = 'account' AND step = 'checked'))
       ON CONFLICT DO NOTHING`,
      [
        p.authorization_id,
        event.tenant.partnerId,
        event.tenant.livemode,
        p.card_id,
        p.cardholder_id,
        p.program_id,
        p.amount,
        p.currency,
        JSON.stringify(p.merchant),
        JSON.stringify(p.network),
        p.requested_at,
        event.stream.version,
        p.increment_of ?? null,
      ],
    );
    await addToTimeline(tx, event, "processing", "requested", { amount: p.amount, currency: p.currency });
  }),
  onEvent(AuthorizationApproved, async (event, { tx }) => {
    if (!(await advance(tx, event)) || !event.stream) return;
    const p = event.payload;
    await tx.query(
      `UPDATE query.authorizations a SET approval_code = $2, decided_at = $3, version = $4,
         status = CASE WHEN ${lastPresentmentPosted("COALESCE(a.increment_of, a.id)")} THEN 'closed' ELSE 'pending' END
       WHERE id = $1`,
      [p.authorization_id, p.approval_code, p.decided_at, event.stream.version],
    );
    await addToTimeline(tx, event, "processing", "approved", { approval_code: p.approval_code });
  }),
  onEvent(AuthorizationDeclined, async (event, { tx }) => {
    if (!(await advance(tx, event)) || !event.stream) return;
    const p = event.payload;
    await tx.query(
      `UPDATE query.authorizations SET status = 'declined', decline_reason = $2, decided_at = $3, version = $4
       WHERE id = $1`,
      [p.authorization_id, p.reason, p.decided_at, event.stream.version],
    );
    await addToTimeline(tx, event, "processing", "declined", { reason: p.reason });
  }),
  onEvent(AuthorizationHoldResult, async (event, { tx }) => {
    if (!(await advance(tx, event))) return;
    const p = event.payload;
    // The hold may be reported before the request is projected (different streams): kept in the timeline either way.
    await tx.query("UPDATE query.authorizations SET hold_id = $2 WHERE id = $1", [p.authorization_id, p.hold_id]);
    await addToTimeline(tx, event, "account", "checked", { result: p.result, hold_id: p.hold_id });
  }),
  onEvent(AuthorizationReversed, async (event, { tx }) => {
    if (!(await advance(tx, event)) || !event.stream) return;
    const p = event.payload;
    await tx.query(
      `UPDATE query.authorizations SET remaining_amount = $3::bigint, version = $2,
         status = CASE WHEN $3::bigint = 0 THEN 'reversed' ELSE status END
       WHERE id = $1`,
      [p.authorization_id, event.stream.version, p.remaining_amount],
    );
    await addToTimeline(tx, event, "processing", "reversed", {
      amount: p.amount,
      remaining_amount: p.remaining_amount,
    });
  }),
  /** Never cleared, its hold lapsed: nothing remains authorized. */
  onEvent(AuthorizationExpired, async (event, { tx }) => {
    if (!(await advance(tx, event)) || !event.stream) return;
    const p = event.payload;
    await tx.query(
      `UPDATE query.authorizations SET status = 'expired', remaining_amount = 0, version = $2
       WHERE id = $1 AND status = 'pending'`,
      [p.authorization_id, event.stream.version],
    );
    await addToTimeline(tx, event, "processing", "expired", { amount: p.amount });
  }),
  /** What the network decided on Koban's behalf (stand-in): recorded as it said, no saga. */
  onEvent(AuthorizationAdvised, async (event, { tx }) => {
    if (!(await advance(tx, event)) || !event.tenant || !event.stream) return;
    const p = event.payload;
    const approved = p.response_code === "00";
    await tx.query(
      `INSERT INTO query.authorizations (id, partner_id, livemode, card_id, cardholder_id, program_id, status, amount,
         currency, merchant, network, approval_code, decline_reason, created_at, decided_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7 = 'pending' AND ${lastPresentmentPosted("$1")} THEN 'closed' ELSE $7 END,
         $8, $9, $10, $11, $12, $13, $14, $14, $15) ON CONFLICT DO NOTHING`,
      [
        p.authorization_id,
        event.tenant.partnerId,
        event.tenant.livemode,
        p.card_id,
        p.cardholder_id,
        p.program_id,
        approved ? "pending" : "declined",
        p.amount,
        p.currency,
        JSON.stringify(p.merchant),
        JSON.stringify(p.network),
        p.approval_code,
        approved ? null : "do_not_honor",
        p.advised_at,
        event.stream.version,
      ],
    );
    await addToTimeline(tx, event, "processing", "advised", { response_code: p.response_code });
  }),
  timelineOnly(CardAuthorizationChecked, "card", "checked", verdict),
  timelineOnly(CardholderAuthorizationChecked, "cardholder", "checked", verdict),
  timelineOnly(FundingDecided, "funding", "checked", (p) => ({
    result: p.result,
    funding_source_id: p.funding_source_id,
    stand_in: p.stand_in,
  })),
  timelineOnly(CardAuthorizationSettled, "card", "settled", (p) => ({ state: p.state })),
  timelineOnly(CardholderAuthorizationSettled, "cardholder", "settled", (p) => ({ state: p.state })),
  timelineOnly(FundingDecisionSettled, "funding", "settled", (p) => ({ state: p.state })),
  timelineOnly(AuthorizationHoldSettled, "account", "settled", (p) => ({ state: p.state })),
];
