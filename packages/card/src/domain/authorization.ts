import { timingSafeEqual } from "node:crypto";
import {
  type CardAuthorizationChecked,
  type CardAuthorizationSettled,
  type EventDefinition,
  type ParticipantResult,
  type PayloadOf,
  type Spent,
  spendControlsDecline,
  wallClock,
} from "@koban/contracts";
import type { Card } from "./card.ts";

/**
 * `card`'s part in the authorization saga (ARCHITECTURE.md): only the card's own rules — it
 * exists, its status, its expiry, its CVV2, its spend controls and velocity — judged on the
 * request, then the part kept Trying until `processing`'s outcome confirms or cancels it.
 */

/** What `card` looks at in an AuthorizationRequested. */
export interface CardAuthorizationRequest {
  authorizationId: string;
  cardId: string;
  amount: number;
  currency: string;
  merchant: { mcc: string; country: string };
  /** The expiry the network sent. */
  cardExpiry: { month: number; year: number };
  /** The keyed digest of the CVV2 the network sent; null when it sent none. */
  cvv2Digest: string | null;
  /** The clock of every check: the day and month a limit counts in, whether the card has expired. */
  requestedAt: Date;
  /** Set for an incremental authorization: the approved one it adds to. */
  incrementOf: string | null;
}

export interface CardAuthorizationFacts {
  /** The time zone of the card's program (its copy in `card`), when known. */
  timeZone: string | undefined;
  /** The digest the card's own CVV2 has (asked only when the network sent one). */
  expectedCvv2Digest: string | null;
  /** What the card's other authorizations, pending or approved, spent before this one. */
  spent: Spent;
  /** For an increment: what the authorization it adds to (with its earlier increments) still holds. */
  authorizedBefore: number;
  /** Koban's staff have suspended the card's partner: none of its cards may pay. */
  partnerSuspended: boolean;
}

const ok: ParticipantResult = { outcome: "ok" };
const ng = (reason: Extract<ParticipantResult, { outcome: "ng" }>["reason"]): ParticipantResult => ({
  outcome: "ng",
  reason,
});

/** A digest comparison that takes as long whatever the digests share. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/**
 * Expired after the last day of its expiry month, in the program's time zone; an expiry other
 * than the card's is a card the network has wrong (an old or a forged one), declined the same way.
 */
export function expired(card: Card, sent: { month: number; year: number }, at: Date, timeZone: string): boolean {
  if (sent.month !== card.expMonth || sent.year !== card.expYear) return true;
  const today = wallClock(at, timeZone);
  return today.year * 12 + today.month > card.expYear * 12 + card.expMonth;
}

/**
 * The card's verdict, its rules in this order: the card exists (an unknown one: `do_not_honor`),
 * its partner is not suspended (`do_not_honor` too), no compliance hold (`card_frozen`), its status, its expiry, its CVV2, then its spend controls (merchant, country, amounts, counts).
 * A program `card` has no copy of is a Failure: the limits' calendar is unknown.
 */
export function checkCardAuthorization(
  card: Card | undefined,
  request: CardAuthorizationRequest,
  facts: CardAuthorizationFacts,
): ParticipantResult {
  if (!card) return ng("do_not_honor");
  // The network's generic refusal: a partner's suspension is Koban's business, not the cardholder's.
  if (facts.partnerSuspended) return ng("do_not_honor");
  // Frozen by Koban's compliance staff, whatever status the partner gave the card.
  if (card.complianceHold) return ng("card_frozen");
  if (card.status === "inactive") return ng("card_inactive");
  if (card.status === "frozen") return ng("card_frozen");
  if (card.status === "closed") return ng("card_closed");
  if (facts.timeZone === undefined) {
    return { outcome: "failure", error: `card ${card.id}'s program ${card.programId} is not known to card` };
  }
  if (expired(card, request.cardExpiry, request.requestedAt, facts.timeZone)) return ng("card_expired");
  if (request.cvv2Digest !== null) {
    if (facts.expectedCvv2Digest === null || !sameDigest(facts.expectedCvv2Digest, request.cvv2Digest)) {
      return ng("cvv_mismatch");
    }
  }
  const increment = request.incrementOf === null ? undefined : { authorizedBefore: facts.authorizedBefore };
  const declined = spendControlsDecline(
    card.spendControls,
    { amount: request.amount, ...request.merchant, increment },
    facts.spent,
  );
  return declined ? ng(declined) : ok;
}

export type PartState = "trying" | "confirmed" | "canceled";

/** `card`'s part of one authorization. */
export interface AuthorizationPart {
  authorizationId: string;
  cardId: string;
  amount: number;
  currency: string;
  requestedAt: string;
  /** The verdict `card` published; null while the request has not reached `card` (the outcome came first). */
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
 * Whether a part counts toward the card's limits: an approved one always; a pending one only if
 * `card` said OK (one it declined will be declined); a canceled one never, nor one reversed in full.
 */
export function counts(part: Pick<AuthorizationPart, "state" | "result" | "reversed" | "amount">): boolean {
  if (part.reversed && part.amount === 0) return false;
  return part.state === "confirmed" || (part.state === "trying" && part.result?.outcome === "ok");
}

type EventOf<D extends EventDefinition> = { type: D["type"]; data: PayloadOf<D>; version: 1 | 2 };
export type PartEvent = EventOf<typeof CardAuthorizationChecked> | EventOf<typeof CardAuthorizationSettled>;

export interface PartDecision {
  part: AuthorizationPart;
  events: PartEvent[];
}

function settled(part: AuthorizationPart): PartEvent {
  if (part.state === "trying" || !part.settledAt) throw new Error(`part ${part.authorizationId} is not settled`);
  return {
    type: "CardAuthorizationSettled",
    version: 2,
    data: { authorization_id: part.authorizationId, state: part.state, settled_at: part.settledAt },
  };
}

/**
 * Records the verdict on a request. A request already checked changes nothing (a redelivery, or
 * a second copy of it). One whose outcome arrived first is checked all the same, for the record,
 * and its settlement follows at once: version 1 before version 2, whatever the arrival order.
 */
export function decideCheck(
  part: AuthorizationPart | undefined,
  request: CardAuthorizationRequest,
  result: ParticipantResult,
  now: Date,
): PartDecision | undefined {
  if (part?.result) return undefined;
  const checkedAt = now.toISOString();
  const next: AuthorizationPart = {
    authorizationId: request.authorizationId,
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
    type: "CardAuthorizationChecked",
    version: 1,
    data: { authorization_id: request.authorizationId, card_id: request.cardId, result, checked_at: checkedAt },
  };
  return { part: next, events: next.state === "trying" ? [checked] : [checked, settled(next)] };
}

/** What an outcome (AuthorizationApproved or AuthorizationDeclined) tells `card`. */
export interface AuthorizationOutcome {
  authorizationId: string;
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

/** What an AuthorizationReversed tells `card`: what remains of one authorization. */
export interface AuthorizationReversal {
  authorizationId: string;
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
  cardId: string;
  amount: number;
  currency: string;
  approved: boolean;
  advisedAt: string;
}

/**
 * No saga runs for an advice, but an approved one was spent on the card all the same: it counts
 * toward the limits as an approved part (never checked, nothing published). A declined one, or
 * a repeat, changes nothing.
 */
export function decideAdvice(
  part: AuthorizationPart | undefined,
  advice: AuthorizationAdvice,
): AuthorizationPart | undefined {
  if (part || !advice.approved) return undefined;
  return {
    authorizationId: advice.authorizationId,
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
