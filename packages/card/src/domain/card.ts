import {
  type CardActivated,
  type CardClosed,
  type CardComplianceHoldLifted,
  type CardComplianceHoldPlaced,
  type CardFrozen,
  type CardIssued,
  type CardReplaced,
  type CardSpendControlsChanged,
  type CardUnfrozen,
  type cardClosedReasons,
  type cardReplacementReasons,
  type cardStatuses,
  type cardTypes,
  DomainError,
  type EventDefinition,
  type PayloadOf,
  type SpendControls,
} from "@koban/contracts";

export type CardStatus = (typeof cardStatuses)[number];
export type CardType = (typeof cardTypes)[number];
export type ClosedReason = (typeof cardClosedReasons)[number];
export type ReplacementReason = (typeof cardReplacementReasons)[number];

/** A card as `card` knows it. Its number lives only in the vault; here are its digest and last four digits. */
export interface Card {
  id: string;
  cardholderId: string;
  programId: string;
  type: CardType;
  status: CardStatus;
  panDigest: string;
  last4: string;
  expMonth: number;
  expYear: number;
  spendControls: SpendControls;
  fundingSourceId: string | null;
  closedReason: ClosedReason | null;
  replacementFor: string | null;
  replacementReason: ReplacementReason | null;
  replacedBy: string | null;
  /** Set by Koban's compliance staff: the card declines, and the partner cannot make it spend again. */
  complianceHold: ComplianceHold | null;
  createdAt: string;
  version: number;
}

export interface ComplianceHold {
  reason: string;
  placedBy: string;
  placedAt: string;
}

type EventOf<D extends EventDefinition> = { type: D["type"]; data: PayloadOf<D> };

/** Every event names its card in `data.card_id`: one decision may touch two cards (a replacement). */
export type CardEvent =
  | EventOf<typeof CardIssued>
  | EventOf<typeof CardActivated>
  | EventOf<typeof CardFrozen>
  | EventOf<typeof CardUnfrozen>
  | EventOf<typeof CardClosed>
  | EventOf<typeof CardReplaced>
  | EventOf<typeof CardSpendControlsChanged>
  | EventOf<typeof CardComplianceHoldPlaced>
  | EventOf<typeof CardComplianceHoldLifted>;

/** The card a command names; an unknown id (or another tenant's: it is never loaded) is a 404. */
export function existing(state: Card | undefined, id: string): Card {
  if (!state) throw new DomainError("resource_not_found", `No such card: ${id}.`, { status: 404, param: "id" });
  return state;
}

export function invalidTransition(message: string): DomainError {
  return new DomainError("invalid_state_transition", message, { status: 409 });
}

export function cardExists(id: string): DomainError {
  return new DomainError("card_exists", `Card ${id} already exists.`, { status: 409 });
}

export function evolve(state: Card | undefined, event: CardEvent): Card {
  if (event.type === "CardIssued") {
    const d = event.data;
    return {
      id: d.card_id,
      cardholderId: d.cardholder_id,
      programId: d.program_id,
      type: d.type,
      status: d.status,
      panDigest: d.pan_digest,
      last4: d.last4,
      expMonth: d.exp_month,
      expYear: d.exp_year,
      spendControls: d.spend_controls,
      fundingSourceId: d.funding_source_id,
      closedReason: null,
      replacementFor: d.replacement_for,
      replacementReason: d.replacement_reason,
      replacedBy: null,
      complianceHold: null,
      createdAt: d.created_at,
      version: (state?.version ?? 0) + 1,
    };
  }
  if (!state) throw new Error(`${event.type} for a card that was never issued`);
  const next = { ...state, version: state.version + 1 };
  switch (event.type) {
    case "CardActivated":
    case "CardUnfrozen":
      return { ...next, status: "active" };
    case "CardFrozen":
      return { ...next, status: "frozen" };
    case "CardClosed":
      return { ...next, status: "closed", closedReason: event.data.reason };
    case "CardReplaced":
      return { ...next, replacedBy: event.data.replacement_card_id };
    case "CardSpendControlsChanged":
      return { ...next, spendControls: event.data.spend_controls };
    case "CardComplianceHoldPlaced": {
      const { reason, placed_by, placed_at } = event.data;
      return { ...next, complianceHold: { reason, placedBy: placed_by, placedAt: placed_at } };
    }
    case "CardComplianceHoldLifted":
      return { ...next, complianceHold: null };
  }
}
