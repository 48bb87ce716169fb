import { fileURLToPath } from "node:url";
import type { Pool } from "@koban/db";
import { defineContext, inLane, type Lane } from "@koban/messaging";
import { authorizationHoldRepository } from "./adapters/authorization-hold-repository.ts";
import { clearingPostingRepository, settlementPostingRepository } from "./adapters/clearing-posting-repository.ts";
import { ledgerRepository } from "./adapters/ledger-repository.ts";
import {
  cancelAuthorizationHold,
  confirmAuthorizationHold,
  holdForFundedAuthorization,
  releaseReversedHold,
} from "./application/authorization-holds.ts";
import { postClearedTransaction } from "./application/clearing-postings.ts";
import { sweepDueHolds } from "./application/expiry.ts";
import {
  openFundingOnProgramCreated,
  placeHoldHandler,
  postHoldHandler,
  recordDepositHandler,
  transferFundsHandler,
  voidHoldHandler,
} from "./application/handlers.ts";
import { postSettlement } from "./application/settlement-postings.ts";

/**
 * Clearing's postings and settlements, on a queue of their own, one job at a time, ten postings a
 * transaction. Every posting of a tenant moves its one network settlement account, and so does
 * every authorization hold: a transaction of a hundred postings held that row for a third of a
 * second, and holds queued behind it past the network's deadline; more jobs at once only wait on
 * the same row (bench:clearing measures authorizations while a file posts).
 */
const clearingLane: Lane = { name: "clearing", concurrency: 1, transactionSize: 10 };

export const accountContext = defineContext({
  name: "account",
  schema: "account",
  migrations: fileURLToPath(new URL("../migrations", import.meta.url)),
  commands: [
    recordDepositHandler(ledgerRepository),
    transferFundsHandler(ledgerRepository),
    placeHoldHandler(ledgerRepository),
    postHoldHandler(ledgerRepository),
    voidHoldHandler(ledgerRepository),
  ],
  events: [
    openFundingOnProgramCreated(ledgerRepository),
    holdForFundedAuthorization(ledgerRepository, authorizationHoldRepository),
    confirmAuthorizationHold(ledgerRepository, authorizationHoldRepository),
    cancelAuthorizationHold(ledgerRepository, authorizationHoldRepository),
    releaseReversedHold(ledgerRepository, authorizationHoldRepository),
    inLane(
      clearingLane,
      postClearedTransaction(ledgerRepository, authorizationHoldRepository, clearingPostingRepository),
    ),
    inLane(clearingLane, postSettlement(ledgerRepository, settlementPostingRepository)),
  ],
});

/**
 * Expires the holds due by `now` (HoldExpired for each); the worker calls it periodically.
 * Idempotent, and safe with several sweepers at once.
 */
export const expireDueHolds = (pool: Pool, now = new Date(), options: { batchSize?: number } = {}) =>
  sweepDueHolds(ledgerRepository, pool, now, options);

export { ledgerRepository } from "./adapters/ledger-repository.ts";
export { createTransfers } from "./application/transfers.ts";
export { balanceOf } from "./domain/ledger.ts";
