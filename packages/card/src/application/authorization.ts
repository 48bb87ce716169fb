import {
  AuthorizationAdvised,
  AuthorizationApproved,
  AuthorizationDeclined,
  AuthorizationRequested,
  AuthorizationReversed,
  authorizationPartStream,
  CardAuthorizationChecked,
  CardAuthorizationSettled,
  calendarPeriods,
  type Envelope,
  limitsSpending,
  nothingSpent,
  type PayloadOf,
  type Tenant,
} from "@koban/contracts";
import { type HandlerContext, onEvent } from "@koban/messaging";
import {
  type AuthorizationOutcome,
  type AuthorizationPart,
  type CardAuthorizationRequest,
  checkCardAuthorization,
  decideAdvice,
  decideCheck,
  decideReversal,
  decideSettlement,
  type PartDecision,
} from "../domain/authorization.ts";
import type { CardStore, CardVault } from "./card-store.ts";
import { tenantOf } from "./commit.ts";

/** Another transaction wrote the same part first; the bus delivers the message again, and it reads what was written. */
export class ConcurrentPartWrite extends Error {
  override name = "ConcurrentPartWrite";
}

const definitions = { CardAuthorizationChecked, CardAuthorizationSettled } as const;

/** The ISO 8583 response code of an approval. */
const APPROVED = "00";

async function save(
  store: CardStore,
  context: HandlerContext,
  tenant: Tenant,
  before: AuthorizationPart | undefined,
  part: AuthorizationPart,
): Promise<void> {
  if (!(await store.saveAuthorizationPart(context.tx, tenant, part, before === undefined))) {
    throw new ConcurrentPartWrite(`card's part of ${part.authorizationId} was written concurrently`);
  }
}

/** Writes the part and emits its events on its own stream, in the handler's transaction. */
async function record(
  store: CardStore,
  context: HandlerContext,
  tenant: Tenant,
  before: AuthorizationPart | undefined,
  decision: PartDecision,
): Promise<void> {
  await save(store, context, tenant, before, decision.part);
  const stream = authorizationPartStream(decision.part.authorizationId, "card");
  for (const event of decision.events) {
    context.emit(definitions[event.type], event.data as never, { id: stream, version: event.version });
  }
}

function requestOf(payload: PayloadOf<typeof AuthorizationRequested>): CardAuthorizationRequest {
  return {
    authorizationId: payload.authorization_id,
    cardId: payload.card_id,
    amount: payload.amount,
    currency: payload.currency,
    merchant: { mcc: payload.merchant.mcc, country: payload.merchant.country },
    cardExpiry: payload.card_expiry,
    cvv2Digest: payload.cvv2_digest,
    requestedAt: new Date(payload.requested_at),
    incrementOf: payload.increment_of ?? null,
  };
}

/**
 * Checks the card's rules on a request and keeps the part Trying. The card's row is locked
 * first, so concurrent authorizations of one card are checked one after the other, each
 * counting the parts recorded before it (READ COMMITTED: the sums are read after the lock).
 */
export const checkCardAuthorizationRequest = (store: CardStore, vault: CardVault) =>
  onEvent(AuthorizationRequested, async (event, context) => {
    const tenant = tenantOf(event);
    const request = requestOf(event.payload);
    const { tx } = context;
    const card = await store.lockForAuthorization(tx, tenant, request.cardId);
    const part = await store.authorizationPart(tx, tenant, request.authorizationId);
    if (part?.result) return;

    const facts = card ? await store.authorizationContext(tx, tenant, card.programId) : undefined;
    const timeZone = facts?.timezone ?? undefined;
    const spent =
      card && timeZone && limitsSpending(card.spendControls)
        ? await store.spent(
            tx,
            tenant,
            card.id,
            calendarPeriods(request.requestedAt, timeZone),
            request.authorizationId,
          )
        : nothingSpent;
    // A vault that cannot open the number throws: retried, and meanwhile processing's deadline declines.
    const expectedCvv2Digest = card && request.cvv2Digest !== null ? await vault.cvv2Digest(tx, card) : null;
    const authorizedBefore =
      card && request.incrementOf
        ? await store.authorizedSoFar(tx, tenant, request.incrementOf, request.authorizationId)
        : 0;
    const partnerSuspended = facts?.partnerSuspended ?? false;
    const result = checkCardAuthorization(card, request, {
      timeZone,
      expectedCvv2Digest,
      spent,
      authorizedBefore,
      partnerSuspended,
    });
    const decision = decideCheck(part, request, result, new Date());
    if (decision) await record(store, context, tenant, part, decision);
  });

type Outcome = Envelope<PayloadOf<typeof AuthorizationApproved> | PayloadOf<typeof AuthorizationDeclined>>;

async function settle(store: CardStore, event: Outcome, context: HandlerContext, state: "confirmed" | "canceled") {
  const tenant = tenantOf(event);
  const p = event.payload;
  const outcome: AuthorizationOutcome = {
    authorizationId: p.authorization_id,
    cardId: p.card_id,
    amount: p.amount,
    currency: p.currency,
    state,
    decidedAt: p.decided_at,
  };
  const part = await store.authorizationPart(context.tx, tenant, outcome.authorizationId);
  const decision = decideSettlement(part, outcome, new Date());
  if (decision) await record(store, context, tenant, part, decision);
}

/** Approved: the Trying part is Confirmed. */
export const confirmCardAuthorization = (store: CardStore) =>
  onEvent(AuthorizationApproved, (event, context) => settle(store, event, context, "confirmed"));

/** Declined: the Trying part is Canceled, and no longer counts toward the card's limits. */
export const cancelCardAuthorization = (store: CardStore) =>
  onEvent(AuthorizationDeclined, (event, context) => settle(store, event, context, "canceled"));

/** The network reversed some or all of an approved authorization: only what remains counts from now on. */
export const reduceCardAuthorization = (store: CardStore) =>
  onEvent(AuthorizationReversed, async (event, context) => {
    const tenant = tenantOf(event);
    const p = event.payload;
    const part = await store.authorizationPart(context.tx, tenant, p.authorization_id);
    const reversal = {
      authorizationId: p.authorization_id,
      cardId: p.card_id,
      currency: p.currency,
      remaining: p.remaining_amount,
      reversedAt: p.reversed_at,
    };
    const next = decideReversal(part, reversal, new Date());
    if (next) await save(store, context, tenant, part, next);
  });

/** The network approved on the card's behalf (stand-in): the amount was spent, and counts. */
export const countAdvisedAuthorization = (store: CardStore) =>
  onEvent(AuthorizationAdvised, async (event, context) => {
    const tenant = tenantOf(event);
    const p = event.payload;
    const part = await store.authorizationPart(context.tx, tenant, p.authorization_id);
    const advice = {
      authorizationId: p.authorization_id,
      cardId: p.card_id,
      amount: p.amount,
      currency: p.currency,
      approved: p.response_code === APPROVED,
      advisedAt: p.advised_at,
    };
    const next = decideAdvice(part, advice);
    if (next) await save(store, context, tenant, part, next);
  });

export const cardAuthorizationHandlers = (store: CardStore, vault: CardVault) => [
  checkCardAuthorizationRequest(store, vault),
  confirmCardAuthorization(store),
  cancelCardAuthorization(store),
  reduceCardAuthorization(store),
  countAdvisedAuthorization(store),
];
