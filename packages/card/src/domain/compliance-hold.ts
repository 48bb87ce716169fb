import { complianceHoldCode, DomainError } from "@koban/contracts";
import { type Card, type CardEvent, invalidTransition } from "./card.ts";

/** Who asks and why: every hold and every lift names the staff member and their reason. */
export interface StaffDecision {
  reason: string;
  staffId: string;
}

/** Holding a held card changes nothing (its first reason stands); a closed card has nothing left to stop. */
export function decidePlaceHold(card: Card, decision: StaffDecision, now: Date): CardEvent[] {
  if (card.complianceHold) return [];
  if (card.status === "closed") throw invalidTransition(`Card ${card.id} is closed: there is nothing to hold.`);
  return [
    {
      type: "CardComplianceHoldPlaced",
      data: { card_id: card.id, reason: decision.reason, placed_by: decision.staffId, placed_at: now.toISOString() },
    },
  ];
}

/** Lifting a hold the card no longer has changes nothing. The card's own status is as the partner left it. */
export function decideLiftHold(card: Card, decision: StaffDecision, now: Date): CardEvent[] {
  if (!card.complianceHold) return [];
  return [
    {
      type: "CardComplianceHoldLifted",
      data: { card_id: card.id, reason: decision.reason, lifted_by: decision.staffId, lifted_at: now.toISOString() },
    },
  ];
}

/** A partner's command that would let a held card spend again (or escape the hold through a replacement). */
export function refuseWhileHeld(card: Card, action: string): void {
  if (!card.complianceHold) return;
  throw new DomainError(
    complianceHoldCode,
    `Card ${card.id} is under a compliance hold placed by Koban and cannot be ${action} until Koban lifts it.`,
    { status: 409 },
  );
}
