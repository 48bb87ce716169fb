import { panDigest } from "@koban/config";
import { currencyCode, type Merchant, merchantSchema, newId, newMessageId, TransactionCleared } from "@koban/contracts";
import { type Pool, transaction } from "@koban/db";
import { appendToOutbox, createEvent } from "@koban/messaging";
import { type ClearingRecord, parseClearingLine } from "@koban/network";
import { matchRecord } from "../domain/matching.ts";
import type { ClearingStore, FileCounts, NewTransaction } from "./clearing-store.ts";

export interface ImportDeps {
  pool: Pool;
  store: ClearingStore;
  panDigestKey: Buffer;
}

export interface LineError {
  line: number;
  error: string;
}

/** What became of one accepted or repeated line (asked for with `detail`). */
export interface LineOutcome {
  line: number;
  transaction_id: string;
  /** true when a record with these network ids was already recorded (nothing changed). */
  duplicate: boolean;
}

export interface ImportSummary extends FileCounts {
  file_id: string;
  errors: LineError[];
  lines?: LineOutcome[];
}

export interface ImportOptions {
  /** Records per transaction. Default 1,000. */
  batchSize?: number;
  /** Called after each batch with the lines read so far. */
  onProgress?: (counts: FileCounts) => void;
  /** Return each accepted or repeated line's transaction id. */
  detail?: boolean;
}

/**
 * Reads a clearing file into transactions, a batch of lines per database transaction. Each
 * record is deduplicated by its network ids (kind and ARN): a file read twice, or a record sent
 * again in another file, changes nothing. A line that cannot be read, or names a card Koban did
 * not issue, is reported with its number and the rest go on. Each new record is matched to its
 * authorization and published (TransactionCleared) for `account` to post.
 */
export async function importClearingFile(
  deps: ImportDeps,
  file: { name: string; lines: AsyncIterable<{ line: number; text: string }> },
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 1_000;
  const fileId = `clf_${newMessageId().replaceAll("-", "")}`;
  await deps.store.createFile(deps.pool, { id: fileId, name: file.name.slice(0, 200), importedAt: new Date() });
  const summary: ImportSummary = { file_id: fileId, records: 0, accepted: 0, duplicates: 0, failed: 0, errors: [] };
  if (options.detail) summary.lines = [];
  let batch: Array<{ line: number; text: string }> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const counts = await importBatch(deps, fileId, batch, summary);
    await deps.store.addFileCounts(deps.pool, fileId, counts);
    batch = [];
    options.onProgress?.(summary);
  };
  for await (const line of file.lines) {
    batch.push(line);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return summary;
}

async function importBatch(
  deps: ImportDeps,
  fileId: string,
  lines: ReadonlyArray<{ line: number; text: string }>,
  summary: ImportSummary,
): Promise<FileCounts> {
  const counts: FileCounts = { records: lines.length, accepted: 0, duplicates: 0, failed: 0 };
  const fail = (line: number, error: string) => {
    counts.failed++;
    summary.errors.push({ line, error });
  };
  const parsed: Array<{ line: number; record: ClearingRecord; digest: string }> = [];
  for (const { line, text } of lines) {
    const result = parseClearingLine(text);
    if (result.ok)
      parsed.push({ line, record: result.record, digest: panDigest(deps.panDigestKey, result.record.pan) });
    else fail(line, result.error);
  }
  const now = new Date();
  await transaction(deps.pool, async (tx) => {
    const cards = await deps.store.cardsByDigest(
      tx,
      parsed.map((p) => p.digest),
    );
    const named = parsed.flatMap((p) => (p.record.authorization ? [p.record.authorization] : []));
    const authorizations = await deps.store.authorizationsByNetworkIds(tx, named);
    const transactions: Array<
      NewTransaction & { record: ClearingRecord; merchant: Merchant; authorizedAmount: number | null }
    > = [];
    const seen = new Set<string>();
    for (const { line, record, digest } of parsed) {
      const merchant = merchantSchema.safeParse({
        name: record.merchant.name,
        mcc: record.merchant.mcc,
        country: record.merchant.country,
        network_id: record.merchant.id ?? null,
      });
      if (!merchant.success) {
        fail(line, `merchant_country: ${record.merchant.country} is not a known country`);
        continue;
      }
      if (!currencyCode.safeParse(record.currency).success) {
        fail(line, `currency: ${record.currency} is not an ISO 4217 currency`);
        continue;
      }
      const ids = record.authorization;
      const match = matchRecord(
        { kind: record.kind, currency: record.currency, namesAuthorization: ids !== null },
        cards.get(digest),
        ids ? authorizations.get(`${ids.rrn}:${ids.stan}`) : undefined,
      );
      if (!match.ok) {
        fail(line, match.error);
        continue;
      }
      const key = `${record.kind}:${record.arn}`;
      if (seen.has(key)) {
        counts.duplicates++;
        continue;
      }
      seen.add(key);
      transactions.push({
        id: newId("txn"),
        tenant: match.card.tenant,
        kind: record.kind,
        arn: record.arn,
        authorizationId: match.authorization?.id ?? null,
        cardId: match.card.id,
        cardholderId: match.card.cardholderId,
        programId: match.card.programId,
        amount: record.amount,
        currency: record.currency,
        sequence: record.sequence,
        count: record.count,
        fee: record.fee,
        settlementDate: record.settlementDate,
        fileId,
        line,
        clearedAt: now,
        correlationId: match.authorization?.sagaId ?? newMessageId(),
        record,
        merchant: merchant.data,
        authorizedAmount: match.authorization?.amount ?? null,
      });
    }
    const { inserted, existing } = await deps.store.insertTransactions(tx, transactions);
    const events = [];
    for (const t of transactions) {
      if (!inserted.has(t.id)) {
        counts.duplicates++;
        const id = existing.get(`${t.kind}:${t.arn}`);
        if (id) summary.lines?.push({ line: t.line, transaction_id: id, duplicate: true });
        continue;
      }
      counts.accepted++;
      summary.lines?.push({ line: t.line, transaction_id: t.id, duplicate: false });
      events.push(
        createEvent(
          TransactionCleared,
          {
            transaction_id: t.id,
            kind: t.kind,
            authorization_id: t.authorizationId,
            card_id: t.cardId,
            cardholder_id: t.cardholderId,
            program_id: t.programId,
            amount: t.amount,
            currency: t.currency,
            authorized_amount: t.authorizedAmount,
            sequence: t.sequence,
            count: t.count,
            merchant: t.merchant,
            network: { arn: t.arn, authorization: t.record.authorization },
            fee: t.fee,
            settlement_date: t.settlementDate,
            file_id: fileId,
            line: t.line,
            cleared_at: now.toISOString(),
          },
          {
            source: "clearing",
            tenant: t.tenant,
            correlationId: t.correlationId,
            stream: { id: t.id, version: 1 },
          },
        ),
      );
    }
    await appendToOutbox(tx, "clearing", events);
  });
  summary.records += counts.records;
  summary.accepted += counts.accepted;
  summary.duplicates += counts.duplicates;
  summary.failed += counts.failed;
  return counts;
}
