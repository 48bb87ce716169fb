import type {
  CardholderClosed,
  CardholderComplianceHoldLifted,
  CardholderComplianceHoldPlaced,
  CardholderContactChanged,
  CardholderDetails,
  CardholderKycRejected,
  CardholderKycReviewRequested,
  CardholderKycVerified,
  CardholderMetadataChanged,
  CardholderNameChanged,
  CardholderReactivated,
  CardholderRegistered,
  CardholderSpendControlsChanged,
  CardholderSuspended,
  EventDefinition,
  PayloadOf,
  SpendControls,
} from "@koban/contracts";
import { DomainError } from "@koban/contracts";

export type CardholderStatus = "active" | "suspended" | "closed";
export type KycStatus = "pending" | "verified" | "rejected" | "needs_review";

export interface Cardholder {
  id: string;
  type: "individual" | "business";
  status: CardholderStatus;
  kycStatus: KycStatus;
  details: CardholderDetails;
  /** The cardholder's own limits, across all its cards. */
  spendControls: SpendControls;
  /** Set by Koban's compliance staff: every card declines, and the partner cannot reactivate it. */
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

export type CardholderEvent =
  | EventOf<typeof CardholderRegistered>
  | EventOf<typeof CardholderContactChanged>
  | EventOf<typeof CardholderNameChanged>
  | EventOf<typeof CardholderMetadataChanged>
  | EventOf<typeof CardholderSpendControlsChanged>
  | EventOf<typeof CardholderKycVerified>
  | EventOf<typeof CardholderKycRejected>
  | EventOf<typeof CardholderKycReviewRequested>
  | EventOf<typeof CardholderSuspended>
  | EventOf<typeof CardholderReactivated>
  | EventOf<typeof CardholderClosed>
  | EventOf<typeof CardholderComplianceHoldPlaced>
  | EventOf<typeof CardholderComplianceHoldLifted>;

/** The cardholder a command names; an unknown id (or another tenant's: it is never loaded) is a 404. */
export function existing(state: Cardholder | undefined, id: string): Cardholder {
  if (!state) throw new DomainError("resource_not_found", `No such cardholder: ${id}.`, { status: 404, param: "id" });
  return state;
}

export function invalidTransition(message: string): DomainError {
  return new DomainError("invalid_state_transition", message, { status: 409 });
}

export function evolve(state: Cardholder | undefined, event: CardholderEvent): Cardholder {
  if (event.type === "CardholderRegistered") {
    const { cardholder_id, status, kyc_status, created_at, spend_controls, ...details } = event.data;
    return {
      id: cardholder_id,
      type: details.type,
      status,
      kycStatus: kyc_status,
      details,
      spendControls: spend_controls,
      complianceHold: null,
      createdAt: created_at,
      version: (state?.version ?? 0) + 1,
    };
  }
  if (!state) throw new Error(`${event.type} for a cardholder that was never registered`);
  const next = { ...state, version: state.version + 1 };
  switch (event.type) {
    case "CardholderContactChanged": {
      const { email, phone_number, address } = event.data;
      return { ...next, details: { ...state.details, email, phone_number, address } };
    }
    case "CardholderNameChanged":
      return { ...next, details: { ...state.details, individual: event.data.individual } };
    case "CardholderMetadataChanged":
      return { ...next, details: { ...state.details, metadata: event.data.metadata } };
    case "CardholderSpendControlsChanged":
      return { ...next, spendControls: event.data.spend_controls };
    case "CardholderKycVerified":
      return { ...next, kycStatus: "verified" };
    case "CardholderKycRejected":
      return { ...next, kycStatus: "rejected" };
    case "CardholderKycReviewRequested":
      return { ...next, kycStatus: "needs_review" };
    case "CardholderSuspended":
      return { ...next, status: "suspended" };
    case "CardholderReactivated":
      return { ...next, status: "active" };
    case "CardholderClosed":
      return { ...next, status: "closed" };
    case "CardholderComplianceHoldPlaced": {
      const { reason, placed_by, placed_at } = event.data;
      return { ...next, complianceHold: { reason, placedBy: placed_by, placedAt: placed_at } };
    }
    case "CardholderComplianceHoldLifted":
      return { ...next, complianceHold: null };
  }
}
