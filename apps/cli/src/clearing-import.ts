import { createReadStream } from "node:fs";
import { type ImportSummary, importClearing } from "@koban/clearing";
import { loadPanDigestKey } from "@koban/config";
import type { Pool } from "@koban/db";
import { clearingLines } from "@koban/network";

/** How many records a clearing file holds (its lines but blank ones and comments), for a progress bar's total. */
export async function countRecords(path: string): Promise<number> {
  let count = 0;
  for await (const _ of clearingLines(createReadStream(path, { encoding: "utf8" }))) count++;
  return count;
}

/**
 * Imports a clearing file from disk as the network's clearing edge does: streamed, a batch of
 * records per transaction, the card numbers digested as they are read. The summary names the
 * lines that failed, never their content.
 */
export async function importClearingFileAt(
  pool: Pool,
  path: string,
  options: { batchSize?: number; onProgress?: (records: number) => void } = {},
): Promise<Omit<ImportSummary, "lines">> {
  const name = path.split("/").at(-1) ?? path;
  return importClearing(
    { pool, panDigestKey: loadPanDigestKey() },
    { name, lines: clearingLines(createReadStream(path, { encoding: "utf8" })) },
    {
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      onProgress: (counts) => options.onProgress?.(counts.records),
    },
  );
}
