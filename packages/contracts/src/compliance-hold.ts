import { z } from "zod";

/**
 * A compliance hold: Koban's compliance staff stop a card or a cardholder, and only staff lift
 * it. The partner sees that it is held and why (the reason is written for the partner to read),
 * and cannot undo it: activating, unfreezing or reactivating is refused (409 compliance_hold).
 */
export const complianceHoldReason = z.string().trim().min(3).max(500);

/** The staff member who placed or lifted a hold (the console user's id), kept for the audit trail. */
export const staffMemberId = z.string().min(1).max(100);

export const complianceHoldCommand = { reason: complianceHoldReason, staff_id: staffMemberId };

export const complianceHoldPlaced = {
  reason: z.string(),
  placed_by: z.string(),
  placed_at: z.iso.datetime(),
};

export const complianceHoldLifted = {
  reason: z.string(),
  lifted_by: z.string(),
  lifted_at: z.iso.datetime(),
};

/** 409 `compliance_hold`: what a partner's command that would let a held card or cardholder spend again is refused with. */
export const complianceHoldCode = "compliance_hold";
