import { countryCode, currencyCode, minorUnits } from "@koban/contracts";
import { z } from "zod";

/**
 * The network's messages as the gateway accepts them: ISO 8583 in JSON, one named field per data
 * element (DE) a card authorization uses. `currency` is ISO 4217 alphabetic (`JPY`), as everywhere
 * else in Koban; a binary ISO 8583 link would translate DE 49's numeric code at its edge.
 * `pan` and `cvv2` are turned into keyed digests before anything else sees them.
 */
const common = {
  /** DE 2. */
  pan: z.string().regex(/^\d{12,19}$/),
  /** DE 4, in the currency's minor unit. */
  amount: minorUnits,
  /** DE 49. */
  currency: currencyCode,
  /** DE 11: system trace audit number. */
  stan: z.string().regex(/^\d{6}$/),
  /** DE 37: retrieval reference number. */
  rrn: z.string().regex(/^[0-9A-Za-z]{12}$/),
  /** DE 18. */
  mcc: z.string().regex(/^\d{4}$/),
  /** DE 43: card acceptor name and country. */
  merchant_name: z.string().min(1).max(100),
  merchant_country: countryCode,
  /** DE 42: card acceptor id. */
  merchant_id: z.string().max(40).nullish(),
  /** DE 7: when the network sent it. */
  transmitted_at: z.iso.datetime().optional(),
};

const networkIds = z.object({ stan: z.string().regex(/^\d{6}$/), rrn: z.string().regex(/^[0-9A-Za-z]{12}$/) });

/** 0100: may this card pay? */
export const authorizationRequest = z.object({
  mti: z.literal("0100"),
  ...common,
  /**
   * An incremental authorization names the approved one it adds `amount` to (DE 90, by the STAN
   * and RRN that one was sent with).
   */
  original: networkIds.nullish(),
  /** DE 14, YYMM. */
  expiry: z.string().regex(/^\d{4}$/),
  /** Absent when the card was present (chip): `card` then skips that check. */
  cvv2: z
    .string()
    .regex(/^\d{3,4}$/)
    .nullish(),
});
export type AuthorizationRequest = z.infer<typeof authorizationRequest>;

/** 0120: the network already answered on the issuer's behalf (stand-in) and says what it did. */
export const adviceRequest = z.object({
  mti: z.literal("0120"),
  ...common,
  expiry: z.string().regex(/^\d{4}$/),
  /** DE 39: what the network answered the merchant. */
  response_code: z.string().regex(/^[0-9A-Z]{2}$/),
  approval_code: z
    .string()
    .regex(/^[0-9A-Z]{6}$/)
    .nullish(),
});
export type AdviceRequest = z.infer<typeof adviceRequest>;

/**
 * 0400: undo all (`amount` = the original's) or part of an authorization. `original` names it by
 * the STAN and RRN it was sent with (DE 90).
 */
export const reversalRequest = z.object({
  mti: z.literal("0400"),
  ...common,
  original: networkIds,
});
export type ReversalRequest = z.infer<typeof reversalRequest>;

export const networkRequest = z.discriminatedUnion("mti", [authorizationRequest, adviceRequest, reversalRequest]);
export type NetworkRequest = z.infer<typeof networkRequest>;

/** The answer: 0110, 0130 or 0410, with DE 39 and (approved) DE 38. */
export interface NetworkResponse {
  mti: "0110" | "0130" | "0410";
  stan: string;
  rrn: string;
  response_code: string;
  approval_code: string | null;
  /** Koban's id for what was recorded (not an ISO field): the simulation API names it to partners. */
  authorization_id: string | null;
}
