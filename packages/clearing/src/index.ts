import { fileURLToPath } from "node:url";
import type { Pool } from "@koban/db";
import { defineContext } from "@koban/messaging";
import { clearingRepository } from "./adapters/clearing-repository.ts";
import { settlementRepository } from "./adapters/settlement-repository.ts";
import {
  copyAdvisedAuthorization,
  copyCreatedProgram,
  copyIssuedCard,
  copyRequestedAuthorization,
} from "./application/copies.ts";
import { type ImportDeps, type ImportOptions, importClearingFile } from "./application/import-file.ts";
import { confirmPostedTransaction, recordRefusedTransaction } from "./application/postings.ts";
import { confirmPostedSettlement, runDueSettlements, settleDay } from "./application/settle.ts";

export const clearingContext = defineContext({
  name: "clearing",
  schema: "clearing",
  migrations: fileURLToPath(new URL("../migrations", import.meta.url)),
  commands: [],
  events: [
    copyIssuedCard(clearingRepository),
    copyCreatedProgram(clearingRepository),
    copyRequestedAuthorization(clearingRepository),
    copyAdvisedAuthorization(clearingRepository),
    confirmPostedTransaction(clearingRepository),
    recordRefusedTransaction(clearingRepository),
    confirmPostedSettlement(settlementRepository),
  ],
});

/**
 * Reads a clearing file (its lines, numbered) into transactions, for the CLI's `clearing import`
 * and the gateway's internal endpoint: the network's clearing edge, as the gateway is its
 * authorization edge.
 */
export const importClearing = (
  deps: Omit<ImportDeps, "store">,
  file: Parameters<typeof importClearingFile>[1],
  options?: ImportOptions,
) => importClearingFile({ ...deps, store: clearingRepository }, file, options);

/** Settles a day (`YYYY-MM-DD`, in the programs' time zone), for `npm run koban -- settle`; idempotent. */
export const settle = (pool: Pool, date: string, now?: Date) => settleDay(pool, settlementRepository, date, now);

/** Runs the settlement schedule kept in Postgres when due; the worker calls it periodically. */
export const runSettlementSchedule = (pool: Pool, now?: Date) => runDueSettlements(pool, settlementRepository, now);

export type { ImportSummary, LineError, LineOutcome } from "./application/import-file.ts";
export type { Settlement } from "./application/settle.ts";
