import type { Tenant, TransactionType } from "@koban/contracts";
import type { Queryable } from "@koban/db";
import type { AuthorizationCopy, CardCopy } from "../domain/matching.ts";

/** A record accepted from a file, as clearing keeps it until account has posted it. */
export interface NewTransaction {
  id: string;
  tenant: Tenant;
  kind: "presentment" | "refund";
  arn: string;
  authorizationId: string | null;
  cardId: string;
  cardholderId: string;
  programId: string;
  amount: number;
  currency: string;
  sequence: number;
  count: number;
  fee: number;
  settlementDate: string;
  fileId: string;
  line: number;
  clearedAt: Date;
  correlationId: string;
}

export interface PostingOutcome {
  type: TransactionType;
  forced: boolean;
  shortfall: number;
  postedAt: Date;
}

export interface FileCounts {
  records: number;
  accepted: number;
  duplicates: number;
  failed: number;
}

/** What clearing needs from storage; the SQL lives in adapters/. */
export interface ClearingStore {
  saveCard(db: Queryable, card: CardCopy & { panDigest: string }): Promise<void>;
  saveProgram(
    db: Queryable,
    program: { id: string; tenant: Tenant; currency: string; timezone: string },
  ): Promise<void>;
  saveAuthorization(db: Queryable, authorization: AuthorizationCopy & { stan: string; rrn: string }): Promise<void>;
  cardsByDigest(db: Queryable, digests: readonly string[]): Promise<Map<string, CardCopy>>;
  /** Keyed `rrn:stan`. */
  authorizationsByNetworkIds(
    db: Queryable,
    ids: ReadonlyArray<{ stan: string; rrn: string }>,
  ): Promise<Map<string, AuthorizationCopy>>;
  createFile(db: Queryable, file: { id: string; name: string; importedAt: Date }): Promise<void>;
  addFileCounts(db: Queryable, fileId: string, counts: FileCounts): Promise<void>;
  /**
   * Inserts the transactions whose network ids are new; returns the ids of those inserted, and
   * for the others the id of the transaction that has their network ids (keyed `kind:arn`).
   */
  insertTransactions(
    db: Queryable,
    transactions: readonly NewTransaction[],
  ): Promise<{ inserted: Set<string>; existing: Map<string, string> }>;
  /** Marks a cleared transaction posted (or refused); false when it was not cleared (a redelivery). */
  recordPosting(db: Queryable, tenant: Tenant, transactionId: string, outcome: PostingOutcome): Promise<boolean>;
  recordRefusal(db: Queryable, tenant: Tenant, transactionId: string, refusal: string): Promise<boolean>;
}
