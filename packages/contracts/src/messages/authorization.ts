import { z } from "zod";
import { countryCode } from "../countries.ts";
import { currencyCode } from "../currencies.ts";
import { defineEvent } from "../define.ts";
import { idSchema } from "../ids.ts";
import { holdSource, minorUnits } from "./account.ts";

/**
 * The authorization saga's messages (ARCHITECTURE.md, "The authorization saga"). `processing`
 * publishes AuthorizationRequested (correlation id = saga id); `card`, `cardholder` and the money
 * chain (`funding`, then `account`) each check only their own rules, record a Trying part and
 * publish a result; `processing` decides on exactly three results (card, cardholder, money) or
 * its deadline, and publishes the outcome; each participant then confirms or cancels its part.
 *
 * Streams: the authorization's own (`auth_…`) is processing's. Each participant keeps its part on
 * the stream `<auth_…>:<participant>` (version 1 its result, 2 its confirmation or cancellation),
 * so a card's or cardholder's own stream is not touched by traffic.
 */

const authorizationId = idSchema("auth");
const cardId = idSchema("card");
const cardholderId = idSchema("ch");
const programId = idSchema("prg");
const fundingSourceId = idSchema("fs");
const holdId = idSchema("hold");

/** One stable list (API.md), each mapped to an ISO 8583 response code by `processing`. */
export const declineReasons = [
  "insufficient_funds",
  "card_inactive",
  "card_frozen",
  "card_closed",
  "card_expired",
  "cvv_mismatch",
  "cardholder_inactive",
  "kyc_incomplete",
  "spend_limit_exceeded",
  "velocity_count_exceeded",
  "merchant_blocked",
  "country_blocked",
  "partner_declined",
  "partner_timeout",
  "system_error",
  "do_not_honor",
] as const;
export type DeclineReason = (typeof declineReasons)[number];

/** A participant's verdict: OK, NG with the reason it declines for, or Failure (it could not decide: a system reason). */
export const participantResult = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("ok") }),
  z.object({ outcome: z.literal("ng"), reason: z.enum(declineReasons) }),
  z.object({ outcome: z.literal("failure"), error: z.string().max(500) }),
]);
export type ParticipantResult = z.infer<typeof participantResult>;

export const merchantSchema = z.object({
  name: z.string().min(1).max(100),
  /** ISO 18245 merchant category code. */
  mcc: z.string().regex(/^\d{4}$/),
  country: countryCode,
  /** The network's id of the merchant (card acceptor id). */
  network_id: z.string().max(40).nullable(),
});
export type Merchant = z.infer<typeof merchantSchema>;

/** What every result and outcome names: the authorization, and when. */
const part = { authorization_id: authorizationId };

/**
 * The network asked; `processing` has swapped the PAN for the card it names and the CVV2 for a
 * keyed digest (`HMAC(PAN_DIGEST_KEY, "cvv2:" + PAN + ":" + CVV2)`, hex), so neither rides the
 * bus. On the authorization's stream, version 1, in the card's tenant.
 */
export const AuthorizationRequested = defineEvent("AuthorizationRequested", {
  context: "processing",
  schema: z.object({
    ...part,
    card_id: cardId,
    cardholder_id: cardholderId,
    program_id: programId,
    amount: minorUnits,
    currency: currencyCode,
    merchant: merchantSchema,
    /** The expiry the network sent, checked by `card` against the card's. */
    card_expiry: z.object({ month: z.number().int().min(1).max(12), year: z.number().int().min(2000).max(2100) }),
    /** null when the network sent no CVV2 (card present); `card` then skips that check. */
    cvv2_digest: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
    network: z.object({ stan: z.string().regex(/^\d{6}$/), rrn: z.string().regex(/^[0-9A-Za-z]{12}$/) }),
    requested_at: z.iso.datetime(),
    /** After this, a missing result is a decline (`system_error`). */
    decide_by: z.iso.datetime(),
    /**
     * Set for an incremental authorization: more on top of this approved one (a hotel stay that
     * grows). It is an authorization of its own (its own saga, id and hold) for `amount` more;
     * a participant that counts authorizations may count it with the one it adds to.
     */
    increment_of: authorizationId.optional(),
  }),
});

/** `card`: state, expiry, CVV2, the card's spend controls and velocity (counting other Trying parts). */
export const CardAuthorizationChecked = defineEvent("CardAuthorizationChecked", {
  context: "card",
  schema: z.object({ ...part, card_id: cardId, result: participantResult, checked_at: z.iso.datetime() }),
});

/** `cardholder`: state, KYC, the cardholder's own spend controls and velocity across its cards. */
export const CardholderAuthorizationChecked = defineEvent("CardholderAuthorizationChecked", {
  context: "cardholder",
  schema: z.object({ ...part, cardholder_id: cardholderId, result: participantResult, checked_at: z.iso.datetime() }),
});

/**
 * `funding`: which source pays (the card's own, else its program's) and its decision. OK passes
 * the chain on to `account` with what the hold debits; NG or Failure ends the money chain, and
 * is then the money result `processing` awaits.
 */
export const FundingDecided = defineEvent("FundingDecided", {
  context: "funding",
  schema: z.object({
    ...part,
    funding_source_id: fundingSourceId.nullable(),
    result: participantResult,
    /** Set when OK: the balance the hold is placed on. */
    hold_source: holdSource.nullable(),
    /** How long the hold lives if nothing posts or releases it (the authorization's expiry). */
    hold_expires_in_seconds: z
      .number()
      .int()
      .positive()
      .max(31 * 24 * 3600),
    /** The partner's gateway did not answer in time (or badly) and the source's stand-in rule decided. */
    stand_in: z.boolean(),
    amount: minorUnits,
    currency: currencyCode,
    decided_at: z.iso.datetime(),
    /** The request's `increment_of`: the hold adds to that authorization's, and its presentments draw both down. */
    increment_of: authorizationId.optional(),
  }),
});

/** `account`: the hold for a funded authorization, placed (OK) or refused (`insufficient_funds`). The money result. */
export const AuthorizationHoldResult = defineEvent("AuthorizationHoldResult", {
  context: "account",
  schema: z.object({ ...part, hold_id: holdId.nullable(), result: participantResult, decided_at: z.iso.datetime() }),
});

const outcome = {
  ...part,
  card_id: cardId,
  cardholder_id: cardholderId,
  amount: minorUnits,
  currency: currencyCode,
  merchant: merchantSchema,
  decided_at: z.iso.datetime(),
};

/** On the authorization's stream. Every participant confirms its Trying part. */
export const AuthorizationApproved = defineEvent("AuthorizationApproved", {
  context: "processing",
  schema: z.object({ ...outcome, approval_code: z.string().regex(/^[0-9A-Z]{6}$/) }),
});

/** On the authorization's stream. Every participant cancels its Trying part (the hold is voided). */
export const AuthorizationDeclined = defineEvent("AuthorizationDeclined", {
  context: "processing",
  schema: z.object({ ...outcome, reason: z.enum(declineReasons) }),
});

const networkIds = z.object({ stan: z.string().regex(/^\d{6}$/), rrn: z.string().regex(/^[0-9A-Za-z]{12}$/) });

/**
 * The network undid all or part of an approved authorization (ISO 8583 0400). On the
 * authorization's stream after its outcome (version 3 onwards, one per reversal). `amount` is
 * released now; `remaining_amount` stays authorized (0 when it is fully reversed).
 */
export const AuthorizationReversed = defineEvent("AuthorizationReversed", {
  context: "processing",
  schema: z.object({
    ...part,
    card_id: cardId,
    cardholder_id: cardholderId,
    amount: minorUnits,
    remaining_amount: z.number().int().min(0),
    currency: currencyCode,
    network: networkIds,
    reversed_at: z.iso.datetime(),
  }),
});

/**
 * The network never cleared an approved authorization and its hold lapsed: `processing` learns it
 * from the ledger's HoldExpired and records it on the authorization's stream. `amount` is what was
 * still authorized and is released; nothing can be reversed after.
 */
export const AuthorizationExpired = defineEvent("AuthorizationExpired", {
  context: "processing",
  schema: z.object({
    ...part,
    card_id: cardId,
    cardholder_id: cardholderId,
    amount: minorUnits,
    currency: currencyCode,
    expired_at: z.iso.datetime(),
  }),
});

/**
 * The network answered a request on the issuer's behalf (stand-in) and advises what it did
 * (ISO 8583 0120). Recorded by `processing`, version 1 of its own `auth_…` stream; no saga runs.
 */
export const AuthorizationAdvised = defineEvent("AuthorizationAdvised", {
  context: "processing",
  schema: z.object({
    ...part,
    card_id: cardId,
    cardholder_id: cardholderId,
    program_id: programId,
    amount: minorUnits,
    currency: currencyCode,
    merchant: merchantSchema,
    /** What the network told the merchant: `00` approved. */
    response_code: z.string().regex(/^[0-9A-Z]{2}$/),
    approval_code: z
      .string()
      .regex(/^[0-9A-Z]{6}$/)
      .nullable(),
    network: networkIds,
    advised_at: z.iso.datetime(),
  }),
});

/** A participant's Trying part, Confirmed (approved) or Canceled (declined): version 2 of its part's stream. */
const settled = z.object({ ...part, state: z.enum(["confirmed", "canceled"]), settled_at: z.iso.datetime() });

export const CardAuthorizationSettled = defineEvent("CardAuthorizationSettled", { context: "card", schema: settled });
export const CardholderAuthorizationSettled = defineEvent("CardholderAuthorizationSettled", {
  context: "cardholder",
  schema: settled,
});
export const FundingDecisionSettled = defineEvent("FundingDecisionSettled", { context: "funding", schema: settled });
export const AuthorizationHoldSettled = defineEvent("AuthorizationHoldSettled", {
  context: "account",
  schema: settled.extend({ hold_id: holdId.nullable() }),
});

/** The stream a participant keeps its part of an authorization on. */
export function authorizationPartStream(
  authorizationId: string,
  participant: "card" | "cardholder" | "funding" | "account",
) {
  return `${authorizationId}:${participant}`;
}
