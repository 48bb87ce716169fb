import type { DeclineReason, Merchant, ParticipantResult, Tenant } from "@koban/contracts";
import type { Queryable, Tx } from "@koban/db";
import type { Participant } from "../domain/decision.ts";

/** processing's copy of a card: enough to find it by number digest and name it in the saga. */
export interface CardCopy {
  id: string;
  panDigest: string;
  tenant: Tenant;
  cardholderId: string;
  programId: string;
}

/** A participant's verdict as it arrived. */
export interface ReceivedResult {
  result: ParticipantResult;
  at: string;
  message_id: string;
}

export type AuthorizationStatus = "pending" | "approved" | "declined";
/** What decided: all three results in, the waiting gateway's timer, the sweeper, an unknown card, or a reversal that came first. */
export type DecidedBy = "results" | "deadline" | "sweeper" | "unknown_card" | "reversal";

export interface Authorization {
  id: string;
  sagaId: string;
  card: CardCopy | null;
  panDigest: string;
  amount: number;
  currency: string;
  merchant: Merchant;
  stan: string;
  rrn: string;
  requestedAt: Date;
  decideBy: Date;
  results: Partial<Record<Participant, ReceivedResult>>;
  status: AuthorizationStatus;
  declineReason: DeclineReason | null;
  responseCode: string | null;
  approvalCode: string | null;
  /** The approved authorization this one adds to, when it is an increment. */
  incrementOf: string | null;
  /** Released by reversals so far. */
  reversedAmount: number;
  /** When its hold lapsed uncleared; nothing is left to reverse after. */
  expiredAt: Date | null;
  /** The authorization stream's version: 1 requested, 2 decided, then one per reversal. */
  streamVersion: number;
}

/** What the network is told, once decided. */
export interface Answer {
  id: string;
  status: Exclude<AuthorizationStatus, "pending">;
  responseCode: string;
  approvalCode: string | null;
}

export interface DecisionRecord {
  status: Exclude<AuthorizationStatus, "pending">;
  declineReason: DeclineReason | null;
  responseCode: string;
  approvalCode: string | null;
  decidedBy: DecidedBy;
  decidedAt: Date;
}

export interface AuthorizationStore {
  saveCard(tx: Queryable, card: CardCopy): Promise<void>;
  findCardByDigest(db: Queryable, panDigest: string): Promise<CardCopy | undefined>;
  /** False when the network sent this request already (same card, STAN and RRN): nothing is written. */
  insert(tx: Queryable, authorization: Authorization, decision?: DecisionRecord): Promise<boolean>;
  /** Locks an authorization for deciding; `overdue` is read from the database's clock. */
  lock(tx: Tx, id: string): Promise<{ authorization: Authorization; overdue: boolean } | undefined>;
  /**
   * The same for a result, which may share its transaction with others (a batch): the first
   * authorization a transaction locks it waits for; a later one it does not (it fails at once if
   * another transaction holds it), so two batches never wait on each other in a cycle. A batch
   * that fails so is delivered again one message per transaction.
   */
  lockForResult(tx: Tx, id: string): Promise<{ authorization: Authorization; overdue: boolean } | undefined>;
  /** Locks up to `limit` undecided authorizations past their deadline, skipping any another transaction holds. */
  lockOverdue(tx: Tx, limit: number): Promise<Authorization[]>;
  saveResult(tx: Tx, id: string, participant: Participant, received: ReceivedResult): Promise<void>;
  /** Records the decision and tells any waiting gateway (at commit). */
  saveDecision(tx: Tx, id: string, decision: DecisionRecord): Promise<void>;
  readAnswers(db: Queryable, ids: readonly string[]): Promise<Answer[]>;

  /** The authorization a reversal names (by the ids it was sent with, on the same card), locked. */
  lockOriginal(tx: Tx, panDigest: string, original: { stan: string; rrn: string }): Promise<Authorization | undefined>;
  /** The same, read without a lock (what an increment adds to). */
  findOriginal(
    db: Queryable,
    panDigest: string,
    original: { stan: string; rrn: string },
  ): Promise<Authorization | undefined>;
  /** The approved increments of an authorization, newest first, locked. */
  lockIncrements(tx: Tx, id: string): Promise<Authorization[]>;
  /** A reversal already recorded under these network ids (the network repeats until answered). */
  findReversal(db: Queryable, ids: { stan: string; rrn: string }): Promise<ReversalRecord | undefined>;
  /** Records a reversal; false when one with its network ids was recorded meanwhile. */
  insertReversal(tx: Tx, reversal: ReversalRecord): Promise<boolean>;
  saveReversed(tx: Tx, id: string, reversedAmount: number, streamVersion: number): Promise<void>;
  /** The authorization a saga is about, locked. */
  lockBySaga(tx: Tx, sagaId: string): Promise<Authorization | undefined>;
  saveExpired(tx: Tx, id: string, expiredAt: Date, streamVersion: number): Promise<void>;
  /** Records an advice; false when one with its network ids is recorded already. */
  insertAdvice(tx: Tx, advice: AdviceRecord): Promise<boolean>;
  findAdvice(db: Queryable, ids: { stan: string; rrn: string }): Promise<{ id: string } | undefined>;
}

export interface ReversalRecord {
  id: string;
  authorizationId: string | null;
  stan: string;
  rrn: string;
  original: { stan: string; rrn: string };
  requestedAmount: number;
  releasedAmount: number;
  responseCode: string;
  receivedAt: Date;
}

export interface AdviceRecord {
  id: string;
  card: CardCopy | null;
  panDigest: string;
  amount: number;
  currency: string;
  merchant: Merchant;
  stan: string;
  rrn: string;
  responseCode: string;
  approvalCode: string | null;
  receivedAt: Date;
}
