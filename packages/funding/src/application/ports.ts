import type { Tenant } from "@koban/contracts";
import type { Queryable } from "@koban/db";
import type { CardCopy, Decision, GatewayAnswer, PartState, ProgramCopy } from "../domain/decision.ts";
import type { FundingSource } from "../domain/funding-source.ts";

/** What funding's handlers need from storage; the SQL lives in adapters/. */
export interface FundingStore {
  loadSource(db: Queryable, tenant: Tenant, id: string): Promise<FundingSource | undefined>;
  loadSourceForUpdate(db: Queryable, tenant: Tenant, id: string): Promise<FundingSource | undefined>;
  insertSource(db: Queryable, source: FundingSource, createdAt: string): Promise<void>;
  updateSource(db: Queryable, before: FundingSource, after: FundingSource): Promise<void>;

  recordCard(db: Queryable, card: CardCopy): Promise<void>;
  recordProgram(db: Queryable, program: ProgramCopy & Tenant): Promise<void>;
  loadCard(db: Queryable, tenant: Tenant, id: string): Promise<CardCopy | undefined>;
  loadProgram(db: Queryable, tenant: Tenant, id: string): Promise<ProgramCopy | undefined>;

  /**
   * Starts deciding an authorization: false if it was decided (or its outcome came) before. A
   * concurrent duplicate waits here until the first commits, then gets false.
   */
  claimDecision(db: Queryable, tenant: Tenant, authorizationId: string): Promise<boolean>;
  recordDecision(
    db: Queryable,
    authorizationId: string,
    decision: Decision,
    gateway: GatewayRecord | null,
    decidedAt: Date,
  ): Promise<void>;
  /**
   * The part's state, locked, once the outcome came; null when there was no part (the outcome
   * came first), in which case one is recorded as settled so a late request is never decided.
   */
  partForSettlement(
    db: Queryable,
    tenant: Tenant,
    authorizationId: string,
    state: "confirmed" | "canceled",
  ): Promise<PartState | null>;
  settlePart(db: Queryable, authorizationId: string, state: "confirmed" | "canceled", settledAt: Date): Promise<void>;
}

/** What the gateway did, kept with the decision. */
export interface GatewayRecord {
  status: number | null;
  latencyMs: number;
  problem: string | null;
}

/** Signing secrets, kept sealed; only this port opens them. */
export interface SecretVault {
  create(db: Queryable, sourceId: string, now: Date): Promise<void>;
  /** The source's signing secret, or undefined if it has none. */
  open(db: Queryable, sourceId: string): Promise<string | undefined>;
}

export interface GatewayCall {
  url: string;
  secret: string;
  /** The Standard Webhooks message id (`webhook-id`): the authorization's, so a repeat can be recognised. */
  messageId: string;
  body: string;
  timeoutMs: number;
}

/** POSTs a signed request to a partner's gateway and waits up to its deadline. Never throws. */
export type AskGateway = (call: GatewayCall) => Promise<GatewayAnswer>;
