import {
  AuthorizationApproved,
  AuthorizationDeclined,
  AuthorizationHoldResult,
  CardAuthorizationChecked,
  CardholderAuthorizationChecked,
  type Envelope,
  FundingDecided,
  type ParticipantResult,
} from "@koban/contracts";
import { type Pool, type Tx, transaction } from "@koban/db";
import { appendToOutbox, createEvent, type EventRegistration, onEvent, PermanentError } from "@koban/messaging";
import { type Decision, decide, newApprovalCode, type Participant, type Results } from "../domain/decision.ts";
import { responseCodeFor } from "../domain/response-codes.ts";
import type { Answer, Authorization, AuthorizationStore, DecidedBy } from "./authorization-store.ts";

/**
 * Records a participant's result and, when it completes the three (or arrives past the
 * deadline), decides. The row is locked first, so the decision is made once whoever races for it
 * (another result, the gateway's deadline, the sweeper). A second result from the same
 * participant is ignored; one arriving after the decision is kept for the timeline only.
 */
export async function recordResult(
  store: AuthorizationStore,
  tx: Tx,
  message: Envelope<{ authorization_id: string }>,
  participant: Participant,
  result: ParticipantResult,
): Promise<void> {
  const id = message.payload.authorization_id;
  const locked = await store.lockForResult(tx, id);
  if (!locked) throw new PermanentError(`no authorization ${id}`);
  const { authorization, overdue } = locked;
  const tenant = authorization.card?.tenant;
  if (!tenant || message.tenant?.partnerId !== tenant.partnerId || message.tenant?.livemode !== tenant.livemode) {
    throw new PermanentError(`${message.type} for ${id} is not in the authorization's tenant`);
  }
  if (authorization.results[participant]) return;
  const received = { result, at: message.occurredAt, message_id: message.id };
  await store.saveResult(tx, id, participant, received);
  if (authorization.status !== "pending") return;
  authorization.results[participant] = received;
  const decision = decide(resultsOf(authorization), overdue);
  if (decision) await conclude(store, tx, authorization, decision, "results", message.id);
}

function resultsOf(authorization: Authorization): Results {
  const results: Results = {};
  for (const [participant, received] of Object.entries(authorization.results)) {
    if (received) results[participant as Participant] = received.result;
  }
  return results;
}

/** Records the decision, and its outcome event in the outbox, in the caller's transaction. */
export async function conclude(
  store: AuthorizationStore,
  tx: Tx,
  authorization: Authorization,
  decision: Decision,
  decidedBy: DecidedBy,
  causationId: string | null,
): Promise<Answer> {
  const card = authorization.card;
  if (!card) throw new Error(`authorization ${authorization.id} names no card`);
  const decidedAt = new Date();
  const approvalCode = decision.outcome === "approved" ? newApprovalCode() : null;
  const responseCode = responseCodeFor(decision);
  await store.saveDecision(tx, authorization.id, {
    status: decision.outcome,
    declineReason: decision.outcome === "declined" ? decision.reason : null,
    responseCode,
    approvalCode,
    decidedBy,
    decidedAt,
  });
  const outcome = {
    authorization_id: authorization.id,
    card_id: card.id,
    cardholder_id: card.cardholderId,
    amount: authorization.amount,
    currency: authorization.currency,
    merchant: authorization.merchant,
    decided_at: decidedAt.toISOString(),
  };
  const origin = {
    source: "processing" as const,
    tenant: card.tenant,
    correlationId: authorization.sagaId,
    causationId,
    stream: { id: authorization.id, version: 2 },
  };
  const event = approvalCode
    ? createEvent(AuthorizationApproved, { ...outcome, approval_code: approvalCode }, origin)
    : createEvent(
        AuthorizationDeclined,
        { ...outcome, reason: decision.outcome === "declined" ? decision.reason : "system_error" },
        origin,
      );
  await appendToOutbox(tx, "processing", [event]);
  return { id: authorization.id, status: decision.outcome, responseCode, approvalCode };
}

/**
 * The waiting gateway's timer fired: if nothing has decided yet, the missing result is a decline
 * (`system_error`). Returns the decision either way.
 */
export async function decideAtDeadline(store: AuthorizationStore, pool: Pool, id: string): Promise<Answer> {
  return transaction(pool, async (tx) => {
    const locked = await store.lock(tx, id);
    if (!locked) throw new Error(`no authorization ${id}`);
    const { authorization } = locked;
    if (authorization.status === "pending") {
      return conclude(store, tx, authorization, { outcome: "declined", reason: "system_error" }, "deadline", null);
    }
    return answerOf(authorization);
  });
}

export function answerOf(authorization: Authorization): Answer {
  if (authorization.status === "pending" || !authorization.responseCode) {
    throw new Error(`authorization ${authorization.id} is not decided`);
  }
  return {
    id: authorization.id,
    status: authorization.status,
    responseCode: authorization.responseCode,
    approvalCode: authorization.approvalCode,
  };
}

/**
 * Declines (`system_error`) every authorization still undecided past its deadline: the ones whose
 * gateway died while waiting. The worker calls it periodically; safe to repeat and to run in
 * several processes (each skips what another has locked). Returns how many it decided.
 */
export async function sweepOverdue(
  store: AuthorizationStore,
  pool: Pool,
  options: { batchSize?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 100;
  let total = 0;
  for (;;) {
    const decided = await transaction(pool, async (tx) => {
      const due = await store.lockOverdue(tx, batchSize);
      for (const authorization of due) {
        await conclude(store, tx, authorization, { outcome: "declined", reason: "system_error" }, "sweeper", null);
      }
      return due.length;
    });
    total += decided;
    if (decided < batchSize) return total;
  }
}

/** The decider's subscriptions: the three results it awaits (money being a hold, or the funding decline that ends its chain). */
export function resultHandlers(store: AuthorizationStore): EventRegistration[] {
  return [
    onEvent(CardAuthorizationChecked, (event, { tx }) => recordResult(store, tx, event, "card", event.payload.result)),
    onEvent(CardholderAuthorizationChecked, (event, { tx }) =>
      recordResult(store, tx, event, "cardholder", event.payload.result),
    ),
    onEvent(AuthorizationHoldResult, (event, { tx }) => recordResult(store, tx, event, "money", event.payload.result)),
    onEvent(FundingDecided, async (event, { tx }) => {
      // An OK passes the chain on to `account`, whose hold result is the money result.
      if (event.payload.result.outcome === "ok") return;
      await recordResult(store, tx, event, "money", event.payload.result);
    }),
  ];
}
