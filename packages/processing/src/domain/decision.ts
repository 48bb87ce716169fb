import { randomInt } from "node:crypto";
import type { DeclineReason, ParticipantResult } from "@koban/contracts";

/** The three results an authorization waits for, in the order their declines take precedence. */
export const participants = ["card", "cardholder", "money"] as const;
export type Participant = (typeof participants)[number];

export type Results = Partial<Record<Participant, ParticipantResult>>;

export type Decision = { outcome: "approved" } | { outcome: "declined"; reason: DeclineReason };

/**
 * Decides an authorization from its results, or says it is not decided yet (undefined).
 *
 * - Past its deadline, whatever has arrived, it is declined `system_error`: a missing answer is a
 *   decision (ARCHITECTURE.md), and every decision made after the deadline is that same one, so
 *   a gateway that answered 96 at its deadline can never be contradicted by a late result.
 * - With all three in: all OK approves. Otherwise the first NG in the order card, cardholder,
 *   money gives the reason (the card's own state says the most to the merchant, and a money
 *   decline is the one most likely to be a side effect of the others); a Failure with no NG is
 *   `system_error`. The order is fixed so the same results always give the same answer.
 */
export function decide(results: Results, overdue: boolean): Decision | undefined {
  if (overdue) return { outcome: "declined", reason: "system_error" };
  const all = participants.map((participant) => results[participant]);
  if (all.some((result) => result === undefined)) return undefined;
  for (const result of all) {
    if (result?.outcome === "ng") return { outcome: "declined", reason: result.reason };
  }
  if (all.some((result) => result?.outcome === "failure")) return { outcome: "declined", reason: "system_error" };
  return { outcome: "approved" };
}

const CODE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** ISO 8583 field 38: six characters the merchant prints on the receipt. */
export function newApprovalCode(): string {
  let code = "";
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}
