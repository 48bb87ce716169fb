import type { Tenant } from "@koban/contracts";

/** clearing's copy of a card: whose it is, found by the keyed digest of its number. */
export interface CardCopy {
  id: string;
  tenant: Tenant;
  cardholderId: string;
  programId: string;
}

/** clearing's copy of an authorization, found by the network ids it was requested with. */
export interface AuthorizationCopy {
  id: string;
  sagaId: string;
  tenant: Tenant;
  cardId: string;
  amount: number;
  currency: string;
}

export interface RecordFacts {
  kind: "presentment" | "refund";
  currency: string;
  /** Whether the record names an authorization's network ids. */
  namesAuthorization: boolean;
}

export type Match =
  | { ok: true; card: CardCopy; authorization: AuthorizationCopy | null }
  | { ok: false; error: string };

/**
 * Which card and authorization a record is for. A card Koban did not issue is an error for that
 * line alone. An authorization counts only if it is this card's, in this currency: a record
 * naming anything else is treated as naming none (a presentment is then force posted).
 */
export function matchRecord(
  record: RecordFacts,
  card: CardCopy | undefined,
  authorization: AuthorizationCopy | undefined,
): Match {
  if (!card) return { ok: false, error: "pan: no card issued by Koban has this number" };
  const same =
    record.namesAuthorization &&
    authorization !== undefined &&
    authorization.cardId === card.id &&
    authorization.currency === record.currency;
  return { ok: true, card, authorization: same ? authorization : null };
}
