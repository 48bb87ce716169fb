import {
  type CardholderAuthorizationChecked,
  type CardholderAuthorizationSettled,
  type EventDefinition,
  type ParticipantResult,
  type PayloadOf,
  type Spent,
  spendControlsDecline,
  usesCalendar,
} from "@koban/contracts";
import type { Cardholder } from "./cardholder.ts";

/**
 * `cardholder`'s part in the authorization saga (ARCHITECTURE.md): only the cardholder's own
 * rules — its status, its KYC, its own spend controls and velocity across all its cards —
 * judged on the request, then the part kept Trying until `processing`'s outcome settles it.
 */

/** What `cardholder` looks at in an AuthorizationRequested. */
export interface CardholderAuthorizationRequest {
  authorizationId: string;
  cardholderId: string;
  cardId: string;
  amount: number;
  currency: string;
  merchant: { mcc: string; country: string };
  /** The clock of the limits: the day and month they count in. */
  requestedAt: Date;
  /** Set for an incremental authorization: the approved one it adds to. */
  incrementOf: string | null;
}

export interface CardholderAuthorizationFacts {
  /** The time zone of the card's program (cardholder's copy), when known. */
  timeZone: string | undefined;
  /** What the cardholder's other authorizations, on any of its cards, spent before this one. */
  spent: Spent;
  /** For an increment: what the authorization it adds to (with its earlier increments) still holds. */
  authorizedBefore: number;
}

const ng = (reason: Extract<ParticipantResult, { outcome: "ng" }>["reason"]): ParticipantResult => ({
  outcome: "ng",
  reason,
});

/**
 * The cardholder's verdict, its rules in this order: it exists (an unknown one: `do_not_honor`),
 * it is active and not under a compliance hold (otherwise `cardholder_inactive`), its KYC is verified
 * (`kyc_incomplete`), then its spend controls (merchant, country, amounts, counts). Daily and
 * monthly limits need the program's calendar: without a copy of the program they are a Failure.
 */
export function checkCardholderAuthorization(
  cardholder: Cardholder | undefined,
  request: CardholderAuthorizationRequest,
  facts: CardholderAuthorizationFacts,
): ParticipantResult {
  if (!cardholder) return ng("do_not_honor");
  // Stopped by Koban's compliance staff, whatever status the partner gave the cardholder.
  if (cardholder.complianceHold) return ng("cardholder_inactive");
  if (cardholder.status !== "active") return ng("cardholder_inactive");
  if (cardholder.kycStatus !== "verified") return ng("kyc_incomplete");
  if (facts.timeZone === undefined && usesCalendar(cardholder.spendControls)) {
    return { outcome: "failure", error: `the program of card ${request.cardId} is not known to cardholder` };
  }
  const increment = request.incrementOf === null ? undefined : { authorizedBefore: facts.authorizedBefore };
  const declined = spendControlsDecline(
    cardholder.spendControls,
    { amount: request.amount, ...request.merchant, increment },
    facts.spent,
  );
  return declined ? ng(declined) : { outcome: "ok" };
}

export type PartState = "trying" | "confirmed" | "canceled";

/** `cardholder`'s part of one authorization. */
export interface AuthorizationPart {
  authorizationId: string;
  cardholderId: string;
  cardId: string;
  amount: number;
  currency: string;
  requestedAt: string;
  /** The verdict `cardholder` published; null while the request has not reached it (the outcome came first). */
  result: ParticipantResult | null;
  state: PartState;
  checkedAt: string | null;
  settledAt: string | null;
  /** The network reversed some or all of it: `amount` is then what remains authorized. */
  reversed: boolean;
  /** An increment's original authorization: counted in amounts, not as one more authorization. */
  incrementOf: string | null;
}

/**
 * Whether a part counts toward the cardholder's limits: an approved one always; a pending one
 * only if `cardholder` said OK (one it declined will be declined); a canceled one never, nor one
 * reversed in full.
 */
export function counts(part: Pick<AuthorizationPart, "state" | "result" | "reversed" | "amount">): boolean {
  if (part.reversed && part.amount === 0) return false;
  return part.state === "confirmed" || (part.state === "trying" && part.result?.outcome === "ok");
}

type EventOf<D extends EventDefinition> = { type: D["type"]; data: PayloadOf<D>; version: 1 | 2 };
export type PartEvent = EventOf<typeof CardholderAuthorizationChecked> | EventOf<typeof CardholderAuthorizationSettled>;

export interface PartDecision {
  part: AuthorizationPart;
  events: PartEvent[];
}

function settled(part: AuthorizationPart): PartEvent {
  if (part.state === "trying" || !part.settledAt) throw new Error(`part ${part.authorizationId} is not settled`);
  return {
    type: "CardholderAuthorizationSettled",
    version: 2,
    data: { authorization_id: part.authorizationId, state: part.state, settled_at: part.settledAt },
  };
}

/**
 * Records the verdict on a request. A request already checked changes nothing (a redelivery).
 * One whose outcome arrived first is checked all the same, for the record, and its settlement
 * follows at once: version 1 before version 2, whatever the arrival order.
 */
export function decideCheck(
  part: AuthorizationPart | undefined,
  request: CardholderAuthorizationRequest,
  result: ParticipantResult,
  now: Date,
): PartDecision | undefined {
  if (part?.result) return undefined;
  const checkedAt = now.toISOString();
  const next: AuthorizationPart = {
    authorizationId: request.authorizationId,
    cardholderId: request.cardholderId,
    cardId: request.cardId,
    // A reversal that overtook the request already says what remains.
    amount: part?.reversed ? part.amount : request.amount,
    currency: request.currency,
    requestedAt: request.requestedAt.toISOString(),
    result,
    state: part?.state ?? "trying",
    checkedAt,
    settledAt: part?.settledAt ?? null,
    reversed: part?.reversed ?? false,
    incrementOf: request.incrementOf,
  };
  const checked: PartEvent = {
    type: "CardholderAuthorizationChecked",
    version: 1,
    data: {
      authorization_id: request.authorizationId,
      cardholder_id: request.cardholderId,
      result,
      checked_at: checkedAt,
    },
  };
  return { part: next, events: next.state === "trying" ? [checked] : [checked, settled(next)] };
}

/** What an outcome (AuthorizationApproved or AuthorizationDeclined) tells `cardholder`. */
export interface AuthorizationOutcome {
  authorizationId: string;
  cardholderId: string;
  cardId: string;
  amount: number;
  currency: string;
  state: "confirmed" | "canceled";
  decidedAt: string;
}

/**
 * Confirms or cancels a Trying part. A settled part stays as it is (a redelivery; `processing`
 * decides once). An outcome that overtook its request is recorded, to be published once the
 * request has been checked (see decideCheck); an approved one counts toward the limits at once.
 */
export function decideSettlement(
  part: AuthorizationPart | undefined,
  outcome: AuthorizationOutcome,
  now: Date,
): PartDecision | undefined {
  if (part && part.state !== "trying") return undefined;
  const settledAt = now.toISOString();
  if (!part) {
    return {
      part: {
        authorizationId: outcome.authorizationId,
        cardholderId: outcome.cardholderId,
        cardId: outcome.cardId,
        amount: outcome.amount,
        currency: outcome.currency,
        requestedAt: outcome.decidedAt,
        result: null,
        state: outcome.state,
        checkedAt: null,
        settledAt,
        reversed: false,
        incrementOf: null,
      },
      events: [],
    };
  }
  const next: AuthorizationPart = { ...part, state: outcome.state, settledAt };
  return { part: next, events: [settled(next)] };
}

/** What an AuthorizationReversed tells `cardholder`: what remains of one authorization. */
export interface AuthorizationReversal {
  authorizationId: string;
  cardholderId: string;
  cardId: string;
  currency: string;
  remaining: number;
  reversedAt: string;
}

/**
 * The network reversed some or all of an approved authorization: what counts toward the limits
 * from now on is what remains. Reversals name what remains, so an older one arriving late (more
 * remaining) changes nothing, and neither does a repeat. One that overtakes everything else is
 * kept as an approved part (only an approved authorization is reversed), its outcome and check
 * to follow. Nothing is published: a part's stream ends with its settlement.
 */
export function decideReversal(
  part: AuthorizationPart | undefined,
  reversal: AuthorizationReversal,
  now: Date,
): AuthorizationPart | undefined {
  if (!part) {
    return {
      authorizationId: reversal.authorizationId,
      cardholderId: reversal.cardholderId,
      cardId: reversal.cardId,
      amount: reversal.remaining,
      currency: reversal.currency,
      requestedAt: reversal.reversedAt,
      result: null,
      state: "confirmed",
      checkedAt: null,
      settledAt: now.toISOString(),
      reversed: true,
      incrementOf: null,
    };
  }
  if (reversal.remaining >= part.amount) return undefined;
  return { ...part, amount: reversal.remaining, reversed: true };
}

/** An authorization the network approved on the issuer's behalf (stand-in), as it advised it. */
export interface AuthorizationAdvice {
  authorizationId: string;
  cardholderId: string;
  cardId: string;
  amount: number;
  currency: string;
  approved: boolean;
  advisedAt: string;
}

/**
 * No saga runs for an advice, but an approved one was spent by the cardholder all the same: it
 * counts toward its limits as an approved part (never checked, nothing published). A declined
 * one, or a repeat, changes nothing.
 */
export function decideAdvice(
  part: AuthorizationPart | undefined,
  advice: AuthorizationAdvice,
): AuthorizationPart | undefined {
  if (part || !advice.approved) return undefined;
  return {
    authorizationId: advice.authorizationId,
    cardholderId: advice.cardholderId,
    cardId: advice.cardId,
    amount: advice.amount,
    currency: advice.currency,
    requestedAt: advice.advisedAt,
    result: null,
    state: "confirmed",
    checkedAt: null,
    settledAt: advice.advisedAt,
    reversed: false,
    incrementOf: null,
  };
}
