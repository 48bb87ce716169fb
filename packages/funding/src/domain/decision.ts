import type { AuthorizationRequested, FundingDecided, ParticipantResult, PayloadOf } from "@koban/contracts";
import type { FundingSource } from "./funding-source.ts";

/** How long an approved authorization's hold lives if nothing posts or releases it. */
export const HOLD_EXPIRES_IN_SECONDS = 7 * 24 * 3600;

/** What funding knows of a card, from its CardIssued. */
export interface CardCopy {
  id: string;
  partnerId: string;
  livemode: boolean;
  programId: string;
  cardholderId: string;
  fundingSourceId: string | null;
  last4: string;
}

/** What funding knows of a program, from its ProgramCreated. */
export interface ProgramCopy {
  id: string;
  defaultFundingSourceId: string | null;
}

/**
 * Which source pays: the card's own, else its program's, else none (the implicit prefunded
 * behaviour: the cardholder's prepaid balance).
 */
export function whichSourcePays(card: CardCopy, program: ProgramCopy | undefined): string | null {
  return card.fundingSourceId ?? program?.defaultFundingSourceId ?? null;
}

/** What the partner's gateway said, as the adapter saw it on the wire. */
export type GatewayAnswer =
  | { kind: "answered"; status: number; body: string; latencyMs: number }
  | { kind: "failed"; error: string; latencyMs: number };

/** The gateway's verdict: approved or declined, or no usable answer (and why). */
export type GatewayVerdict = { kind: "approved" } | { kind: "declined" } | { kind: "unusable"; problem: string };

/** Only a 2xx with a JSON object whose `approved` is a boolean decides; anything else is unusable. */
export function readGatewayAnswer(answer: GatewayAnswer): GatewayVerdict {
  if (answer.kind === "failed") return { kind: "unusable", problem: answer.error };
  if (answer.status < 200 || answer.status > 299) {
    return { kind: "unusable", problem: `the gateway answered ${answer.status}` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return { kind: "unusable", problem: `the gateway answered ${answer.status} with a body that is not JSON` };
  }
  const approved = typeof parsed === "object" && parsed !== null ? (parsed as { approved?: unknown }).approved : null;
  if (typeof approved !== "boolean") {
    return { kind: "unusable", problem: `the gateway answered ${answer.status} without a boolean "approved"` };
  }
  return approved ? { kind: "approved" } : { kind: "declined" };
}

export interface Decision {
  fundingSourceId: string | null;
  result: ParticipantResult;
  standIn: boolean;
  /** Set when the stand-in rule decided: what was wrong with the gateway's answer. */
  problem: string | null;
  holdSource: PayloadOf<typeof FundingDecided>["hold_source"];
}

type Requested = Pick<PayloadOf<typeof AuthorizationRequested>, "program_id" | "cardholder_id">;

/**
 * The decision for an authorization. `source` is null for the implicit prefunded behaviour;
 * `verdict` is the gateway's, for a gateway source. Prefunded money is the cardholder's prepaid
 * balance; a gateway's is the program's funding account.
 */
export function decide(requested: Requested, source: FundingSource | null, verdict?: GatewayVerdict): Decision {
  const fundingSourceId = source?.id ?? null;
  if (!source || source.type === "prefunded") {
    return {
      fundingSourceId,
      result: { outcome: "ok" },
      standIn: false,
      problem: null,
      holdSource: { type: "cardholder", cardholder_id: requested.cardholder_id },
    };
  }
  const ok = (standIn: boolean, problem: string | null): Decision => ({
    fundingSourceId,
    result: { outcome: "ok" },
    standIn,
    problem,
    holdSource: { type: "program", program_id: requested.program_id },
  });
  const ng = (reason: "partner_declined" | "partner_timeout", problem: string | null): Decision => ({
    fundingSourceId,
    result: { outcome: "ng", reason },
    standIn: problem !== null,
    problem,
    holdSource: null,
  });
  if (!verdict) return failure(fundingSourceId, "the gateway was not asked");
  switch (verdict.kind) {
    case "approved":
      return ok(false, null);
    case "declined":
      return ng("partner_declined", null);
    case "unusable":
      return source.gateway?.stand_in === "approve"
        ? ok(true, verdict.problem)
        : ng("partner_timeout", verdict.problem);
  }
}

/** funding could not decide (a record it needs is missing): a system reason, never an approval. */
export function failure(fundingSourceId: string | null, error: string): Decision {
  return {
    fundingSourceId,
    result: { outcome: "failure", error: error.slice(0, 500) },
    standIn: false,
    problem: null,
    holdSource: null,
  };
}

/** The request a gateway source's endpoint receives: the authorization, never the PAN. */
export function gatewayRequest(
  requested: PayloadOf<typeof AuthorizationRequested>,
  card: CardCopy,
  source: FundingSource,
  now: Date,
) {
  return {
    type: "funding.authorization_request" as const,
    authorization_id: requested.authorization_id,
    funding_source_id: source.id,
    livemode: source.livemode,
    card_id: requested.card_id,
    card_last4: card.last4,
    cardholder_id: requested.cardholder_id,
    program_id: requested.program_id,
    amount: requested.amount,
    currency: requested.currency,
    merchant: requested.merchant,
    requested_at: requested.requested_at,
    respond_by: new Date(now.getTime() + (source.gateway?.deadline_ms ?? 0)).toISOString(),
  };
}

export type PartState = "trying" | "confirmed" | "canceled";

/** The part's state once the outcome is known, or null when it is already settled. */
export function settle(state: PartState, approved: boolean): "confirmed" | "canceled" | null {
  if (state !== "trying") return null;
  return approved ? "confirmed" : "canceled";
}
