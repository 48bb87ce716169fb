import { type AuthorizationRequested, newId, type PayloadOf } from "@koban/contracts";

/** An AuthorizationRequested for a card, as processing would publish it. */
export function authorizationRequested(
  card: { id: string; programId: string; cardholderId: string },
  amount = 1_200,
): PayloadOf<typeof AuthorizationRequested> {
  const now = new Date();
  return {
    authorization_id: newId("auth"),
    card_id: card.id,
    cardholder_id: card.cardholderId,
    program_id: card.programId,
    amount,
    currency: "JPY",
    merchant: { name: "Koban Coffee", mcc: "5814", country: "JP", network_id: null },
    card_expiry: { month: 12, year: 2030 },
    cvv2_digest: null,
    network: { stan: "000123", rrn: "ABC123456789" },
    requested_at: now.toISOString(),
    decide_by: new Date(now.getTime() + 2_000).toISOString(),
  };
}
