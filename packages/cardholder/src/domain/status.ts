import { complianceHoldCode, DomainError } from "@koban/contracts";
import { type Cardholder, type CardholderEvent, type CardholderStatus, invalidTransition } from "./cardholder.ts";

/** Which status may follow which. Closed is final: cards of a closed cardholder never work again. */
export const statusTransitions: Record<CardholderStatus, readonly CardholderStatus[]> = {
  active: ["suspended", "closed"],
  suspended: ["active", "closed"],
  closed: [],
};

const eventOf = {
  suspended: "CardholderSuspended",
  active: "CardholderReactivated",
  closed: "CardholderClosed",
} as const;

/** Moves a cardholder to a status; asking for the status it already has changes nothing. */
export function decideStatusChange(state: Cardholder, to: CardholderStatus, now: Date): CardholderEvent[] {
  if (state.status === to) return [];
  if (!statusTransitions[state.status].includes(to)) {
    throw invalidTransition(`A ${state.status} cardholder cannot become ${to}.`);
  }
  // Suspending or closing a held cardholder still stops spending; reactivating would not.
  if (to === "active" && state.complianceHold) {
    throw new DomainError(
      complianceHoldCode,
      `Cardholder ${state.id} is under a compliance hold placed by Koban and cannot be reactivated until Koban lifts it.`,
      { status: 409 },
    );
  }
  return [{ type: eventOf[to], data: { cardholder_id: state.id, changed_at: now.toISOString() } }];
}
