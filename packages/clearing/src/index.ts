import { fileURLToPath } from "node:url";
import { defineContext } from "@koban/messaging";
import { clearingRepository } from "./adapters/clearing-repository.ts";
import {
  copyAdvisedAuthorization,
  copyCreatedProgram,
  copyIssuedCard,
  copyRequestedAuthorization,
} from "./application/copies.ts";
import { type ImportDeps, type ImportOptions, importClearingFile } from "./application/import-file.ts";
import { confirmPostedTransaction, recordRefusedTransaction } from "./application/postings.ts";

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

export type { ImportSummary, LineError, LineOutcome } from "./application/import-file.ts";
