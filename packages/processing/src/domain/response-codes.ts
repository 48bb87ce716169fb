import type { DeclineReason } from "@koban/contracts";

/** ISO 8583 field 39 (response code) values the gateway answers with. */
export const APPROVED = "00";
export const INVALID_TRANSACTION = "12";
export const INVALID_CARD_NUMBER = "14";
export const ORIGINAL_NOT_FOUND = "25";
export const FORMAT_ERROR = "30";
export const SYSTEM_MALFUNCTION = "96";

/**
 * The network's code for each decline reason (API.md, "Decline reasons"). Where API.md leaves a
 * choice: a card that is not active yet or frozen is "restricted" (62), since either may pass
 * again; a closed card is "do not honor" (05), final and saying no more than it must;
 * partner_timeout is 91 (issuer unavailable), as the stand-in rule has already decided any
 * timeout it covers before a reason reaches processing.
 */
export const responseCodes: Readonly<Record<DeclineReason, string>> = {
  insufficient_funds: "51",
  card_inactive: "62",
  card_frozen: "62",
  card_closed: "05",
  card_expired: "54",
  cvv_mismatch: "N7",
  cardholder_inactive: "62",
  kyc_incomplete: "62",
  spend_limit_exceeded: "61",
  velocity_count_exceeded: "65",
  merchant_blocked: "57",
  country_blocked: "57",
  partner_declined: "05",
  partner_timeout: "91",
  system_error: SYSTEM_MALFUNCTION,
  do_not_honor: "05",
};

export function responseCodeFor(decision: { outcome: "approved" } | { outcome: "declined"; reason: DeclineReason }) {
  return decision.outcome === "approved" ? APPROVED : responseCodes[decision.reason];
}
