import { DomainError, type kycResults, type kycSources, type PayloadOf, type RecordKycResult } from "@koban/contracts";
import { type Cardholder, type CardholderEvent, existing, invalidTransition, type KycStatus } from "./cardholder.ts";

export type KycResult = (typeof kycResults)[number];

/**
 * Which KYC results may follow which status. verified and rejected are final for every
 * source, the sandbox's simulation included, so a test integration meets the live rules;
 * undoing one would be a staff decision of its own, not a second result.
 */
export const kycTransitions: Record<KycStatus, readonly KycResult[]> = {
  pending: ["verified", "rejected", "needs_review"],
  needs_review: ["verified", "rejected"],
  verified: [],
  rejected: [],
};

export interface KycDecision {
  result: KycResult;
  source: (typeof kycSources)[number];
  reason: string | null;
  reference: string | null;
  decidedAt: string;
}

/** The event recording a KYC result, when the cardholder's state allows it. */
export function decideKyc(state: Cardholder, decision: KycDecision): CardholderEvent[] {
  if (state.status === "closed") throw invalidTransition("A closed cardholder's KYC cannot change.");
  if (!kycTransitions[state.kycStatus].includes(decision.result)) {
    throw invalidTransition(`KYC that is ${state.kycStatus} cannot become ${decision.result}.`);
  }
  const base = { cardholder_id: state.id, source: decision.source, reason: decision.reason };
  switch (decision.result) {
    case "verified":
      return [
        {
          type: "CardholderKycVerified",
          data: { ...base, reference: decision.reference, decided_at: decision.decidedAt },
        },
      ];
    case "rejected":
      return [{ type: "CardholderKycRejected", data: { ...base, decided_at: decision.decidedAt } }];
    case "needs_review":
      return [{ type: "CardholderKycReviewRequested", data: { ...base, decided_at: decision.decidedAt } }];
  }
}

export function decideKycResult(
  state: Cardholder | undefined,
  command: PayloadOf<typeof RecordKycResult>,
  facts: { livemode: boolean },
  now: Date,
): CardholderEvent[] {
  const cardholder = existing(state, command.cardholder_id);
  if (command.source === "simulation" && facts.livemode) {
    throw new DomainError("permission_denied", "KYC results can be simulated in test mode only.", { status: 403 });
  }
  return decideKyc(cardholder, {
    result: command.status,
    source: command.source,
    reason: command.reason,
    reference: null,
    decidedAt: now.toISOString(),
  });
}
