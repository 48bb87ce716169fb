import { type Cardholder, type CardholderEvent, invalidTransition } from "./cardholder.ts";

/** Who asks and why: every hold and every lift names the staff member and their reason. */
export interface StaffDecision {
  reason: string;
  staffId: string;
}

/** Holding a held cardholder changes nothing (its first reason stands); a closed one has nothing left to stop. */
export function decidePlaceHold(cardholder: Cardholder, decision: StaffDecision, now: Date): CardholderEvent[] {
  if (cardholder.complianceHold) return [];
  if (cardholder.status === "closed") {
    throw invalidTransition(`Cardholder ${cardholder.id} is closed: there is nothing to hold.`);
  }
  return [
    {
      type: "CardholderComplianceHoldPlaced",
      data: {
        cardholder_id: cardholder.id,
        reason: decision.reason,
        placed_by: decision.staffId,
        placed_at: now.toISOString(),
      },
    },
  ];
}

/** Lifting a hold the cardholder no longer has changes nothing; its status is as the partner left it. */
export function decideLiftHold(cardholder: Cardholder, decision: StaffDecision, now: Date): CardholderEvent[] {
  if (!cardholder.complianceHold) return [];
  return [
    {
      type: "CardholderComplianceHoldLifted",
      data: {
        cardholder_id: cardholder.id,
        reason: decision.reason,
        lifted_by: decision.staffId,
        lifted_at: now.toISOString(),
      },
    },
  ];
}
