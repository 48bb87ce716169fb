import { idFromMessageId, PublicEventRecorded, type Tenant } from "@koban/contracts";
import type { EventRegistration, HandlerContext } from "@koban/messaging";
import { timelineOf } from "../read/authorizations.ts";
import {
  type AuthorizationRow,
  type CardholderRow,
  type CardRow,
  type ProgramRow,
  renderAuthorization,
  renderCard,
  renderCardholder,
  renderEvent,
  renderProgram,
} from "../read/render.ts";

/**
 * The read models a public event's `data.object` is rendered from, by the one renderer, each
 * read as `a` (an authorization with its saga's timeline so far).
 */
const resources = {
  cardholders: { select: "SELECT a.* FROM query.cardholders a", render: (row: CardholderRow) => renderCardholder(row) },
  cards: { select: "SELECT a.* FROM query.cards a", render: (row: CardRow) => renderCard(row) },
  programs: { select: "SELECT a.* FROM query.programs a", render: (row: ProgramRow) => renderProgram(row) },
  authorizations: {
    select: `SELECT a.*, ${timelineOf} FROM query.authorizations a`,
    render: (row: AuthorizationRow) => renderAuthorization(row),
  },
} as const;
type Resource = keyof typeof resources;

/**
 * The domain events partners see, and the public type each becomes. Anything not here (partners,
 * API keys) is not public. KYC outcomes get their own types, as Stripe's `identity.*` do, so a
 * partner can wait for the one it cares about without diffing `cardholder.updated`.
 */
const publicTypes: Record<string, { type: string; resource: Resource }> = {
  CardholderRegistered: { type: "cardholder.created", resource: "cardholders" },
  CardholderContactChanged: { type: "cardholder.updated", resource: "cardholders" },
  CardholderNameChanged: { type: "cardholder.updated", resource: "cardholders" },
  CardholderMetadataChanged: { type: "cardholder.updated", resource: "cardholders" },
  CardholderSpendControlsChanged: { type: "cardholder.updated", resource: "cardholders" },
  CardholderKycVerified: { type: "cardholder.kyc_verified", resource: "cardholders" },
  CardholderKycRejected: { type: "cardholder.kyc_rejected", resource: "cardholders" },
  CardholderKycReviewRequested: { type: "cardholder.kyc_review_requested", resource: "cardholders" },
  CardholderSuspended: { type: "cardholder.suspended", resource: "cardholders" },
  CardholderReactivated: { type: "cardholder.reactivated", resource: "cardholders" },
  CardholderClosed: { type: "cardholder.closed", resource: "cardholders" },
  CardholderComplianceHoldPlaced: { type: "cardholder.updated", resource: "cardholders" },
  CardholderComplianceHoldLifted: { type: "cardholder.updated", resource: "cardholders" },
  CardIssued: { type: "card.created", resource: "cards" },
  CardActivated: { type: "card.activated", resource: "cards" },
  CardFrozen: { type: "card.frozen", resource: "cards" },
  CardUnfrozen: { type: "card.unfrozen", resource: "cards" },
  CardClosed: { type: "card.closed", resource: "cards" },
  CardReplaced: { type: "card.replaced", resource: "cards" },
  CardSpendControlsChanged: { type: "card.updated", resource: "cards" },
  CardComplianceHoldPlaced: { type: "card.updated", resource: "cards" },
  CardComplianceHoldLifted: { type: "card.updated", resource: "cards" },
  ProgramCreated: { type: "program.created", resource: "programs" },
  // An authorization becomes public once decided (the network's stand-in advice, once recorded).
  AuthorizationApproved: { type: "authorization.created", resource: "authorizations" },
  AuthorizationDeclined: { type: "authorization.created", resource: "authorizations" },
  AuthorizationAdvised: { type: "authorization.created", resource: "authorizations" },
  AuthorizationReversed: { type: "authorization.reversed", resource: "authorizations" },
  AuthorizationExpired: { type: "authorization.expired", resource: "authorizations" },
};

/** Public events a projection records itself, when its resource reaches the state they announce. */
const recordedByProjections = ["transaction.created", "settlement.created", "settlement.posted"];

/** Every public event type, and the `<resource>.*` prefixes a list may filter by. */
export const publicEventTypes = [
  ...new Set([...Object.values(publicTypes).map((entry) => entry.type), ...recordedByProjections]),
].sort();
export const publicEventPrefixes = [...new Set(publicEventTypes.map((type) => `${type.split(".")[0]}.*`))].sort();

/**
 * Wraps the projections so that each one whose event is public, once it has applied the event,
 * records the public event with the resource's row as it is right after it. The row must be at
 * the event's stream version: a redelivery (skipped, the row being at or past it) records
 * nothing, and the event's id, named after the domain event's message id, could not repeat anyway.
 * A newly recorded public event is also published (PublicEventRecorded) for webhook delivery.
 */
export function withPublicEvents(projections: readonly EventRegistration[]): EventRegistration[] {
  return projections.map((projection) => {
    const entry = publicTypes[projection.definition.type];
    if (!entry) return projection;
    const { select, render } = resources[entry.resource] as {
      select: string;
      render: (row: unknown) => { id: string };
    };
    return {
      definition: projection.definition,
      async handle(event, context) {
        await projection.handle(event, context);
        if (!event.stream) return;
        const { rows } = await context.tx.query<{ partner_id: string; livemode: boolean }>(
          `${select} WHERE a.id = $1 AND a.version = $2`,
          [event.stream.id, event.stream.version],
        );
        const row = rows[0];
        if (!row) return;
        await recordPublicEvent(context, {
          messageId: event.id,
          occurredAt: event.occurredAt,
          type: entry.type,
          tenant: { partnerId: row.partner_id, livemode: row.livemode },
          object: render(row) as PublicObject,
        });
      },
    };
  });
}

type PublicObject = Parameters<typeof renderEvent>[0]["object"];

/**
 * Records a public event about `object` (rendered as the API renders it) and publishes it for
 * webhook delivery. Its id is named after the domain message that caused it, so a redelivery
 * records nothing new.
 */
export async function recordPublicEvent(
  context: Pick<HandlerContext, "tx" | "emit">,
  event: { messageId: string; occurredAt: string; type: string; tenant: Tenant; object: PublicObject },
): Promise<void> {
  const rendered = renderEvent({
    id: idFromMessageId("evt", event.messageId),
    livemode: event.tenant.livemode,
    type: event.type,
    object: event.object,
    created_at: new Date(event.occurredAt),
  });
  const recorded = await context.tx.query(
    `INSERT INTO query.events (id, partner_id, livemode, type, object, created_at, source_message_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [
      rendered.id,
      event.tenant.partnerId,
      rendered.livemode,
      rendered.type,
      JSON.stringify(rendered.data.object),
      rendered.created_at,
      event.messageId,
    ],
  );
  // For webhook endpoints: the same JSON the events API answers, rendered here once.
  if (recorded.rowCount === 1) {
    context.emit(PublicEventRecorded, { event: rendered }, { id: rendered.id, version: 1 }, event.tenant);
  }
}
