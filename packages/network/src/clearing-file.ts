import { randomInt } from "node:crypto";
import type { Merchant, NetworkIds } from "./messages.ts";

/**
 * The simulated network's clearing file: one record per line, fields separated by `|`, blank
 * lines and lines starting with `#` skipped. The fields, in order:
 *
 * | # | field | |
 * | - | ----- | - |
 * | 1 | kind | `P` presentment (money to the merchant), `R` refund or credit (money back to the card) |
 * | 2 | arn | acquirer reference number, 23 digits: the record's own network id |
 * | 3 | pan | the card number (digested by the issuer as the file is read; never stored) |
 * | 4 | auth_stan | the authorization's STAN (6 digits), or empty when there is none |
 * | 5 | auth_rrn | the authorization's RRN (12 characters), or empty |
 * | 6 | sequence | this presentment's number among `count` for one authorization (1 for a single one) |
 * | 7 | count | how many presentments the authorization has (1 for a single one) |
 * | 8 | amount | integer, in the currency's minor unit |
 * | 9 | currency | ISO 4217 alphabetic |
 * | 10 | mcc | four digits |
 * | 11 | merchant_name | up to 100 characters, no `|` |
 * | 12 | merchant_country | ISO 3166-1 alpha-2 |
 * | 13 | merchant_id | card acceptor id, or empty |
 * | 14 | settlement_date | `YYYY-MM-DD`, the network's settlement day |
 * | 15 | fee | interchange the network pays the issuer, minor units (0 for none) |
 *
 * A record is identified by its kind and ARN: the same record sent again (in this file or
 * another) is the same record.
 */
export interface ClearingRecord {
  kind: "presentment" | "refund";
  arn: string;
  pan: string;
  /** The authorization's STAN and RRN, or null. */
  authorization: NetworkIds | null;
  sequence: number;
  count: number;
  amount: number;
  currency: string;
  merchant: Merchant;
  settlementDate: string;
  fee: number;
}

export type ParsedLine = { ok: true; record: ClearingRecord } | { ok: false; error: string };

const FIELDS = 15;

/** One line of a clearing file. An error names the field at fault, never the line's content (it holds a PAN). */
export function parseClearingLine(line: string): ParsedLine {
  const f = line.split("|");
  if (f.length !== FIELDS) return { ok: false, error: `expected ${FIELDS} fields separated by |, got ${f.length}` };
  const [kind, arn, pan, stan, rrn, sequence, count, amount, currency, mcc, name, country, merchantId, date, fee] =
    f as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
  const fail = (field: string, why: string): ParsedLine => ({ ok: false, error: `${field}: ${why}` });
  if (kind !== "P" && kind !== "R") return fail("kind", "must be P (presentment) or R (refund)");
  if (!/^\d{23}$/.test(arn)) return fail("arn", "must be 23 digits");
  if (!/^\d{12,19}$/.test(pan)) return fail("pan", "must be 12 to 19 digits");
  if ((stan === "") !== (rrn === "")) return fail("auth_stan", "auth_stan and auth_rrn are both given or both empty");
  if (stan !== "" && !/^\d{6}$/.test(stan)) return fail("auth_stan", "must be 6 digits");
  if (rrn !== "" && !/^[0-9A-Za-z]{12}$/.test(rrn)) return fail("auth_rrn", "must be 12 letters or digits");
  const seq = integer(sequence);
  const cnt = integer(count);
  if (cnt === undefined || cnt < 1 || cnt > 99) return fail("count", "must be an integer from 1 to 99");
  if (seq === undefined || seq < 1 || seq > cnt) return fail("sequence", "must be an integer from 1 to count");
  const minor = integer(amount);
  if (minor === undefined || minor <= 0) return fail("amount", "must be a positive integer in minor units");
  if (!/^[A-Z]{3}$/.test(currency)) return fail("currency", "must be an ISO 4217 code");
  if (!/^\d{4}$/.test(mcc)) return fail("mcc", "must be 4 digits");
  if (name.trim() === "" || name.length > 100) return fail("merchant_name", "must be 1 to 100 characters");
  if (!/^[A-Z]{2}$/.test(country)) return fail("merchant_country", "must be an ISO 3166 alpha-2 code");
  if (merchantId.length > 40) return fail("merchant_id", "must be at most 40 characters");
  if (!isCalendarDay(date)) return fail("settlement_date", "must be a date, YYYY-MM-DD");
  const interchange = integer(fee);
  if (interchange === undefined || interchange < 0) return fail("fee", "must be a non-negative integer");
  return {
    ok: true,
    record: {
      kind: kind === "P" ? "presentment" : "refund",
      arn,
      pan,
      authorization: stan ? { stan, rrn } : null,
      sequence: seq,
      count: cnt,
      amount: minor,
      currency,
      merchant: { name, mcc, country, ...(merchantId ? { id: merchantId } : {}) },
      settlementDate: date,
      fee: interchange,
    },
  };
}

function integer(text: string): number | undefined {
  if (!/^\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}

function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

/** A record as its line in a clearing file. */
export function formatClearingLine(record: ClearingRecord): string {
  if (record.merchant.name.includes("|")) throw new Error("a merchant name may not contain |");
  return [
    record.kind === "presentment" ? "P" : "R",
    record.arn,
    record.pan,
    record.authorization?.stan ?? "",
    record.authorization?.rrn ?? "",
    record.sequence,
    record.count,
    record.amount,
    record.currency,
    record.merchant.mcc,
    record.merchant.name,
    record.merchant.country,
    record.merchant.id ?? "",
    record.settlementDate,
    record.fee,
  ].join("|");
}

export function formatClearingFile(records: readonly ClearingRecord[]): string {
  return `# koban clearing file v1\n${records.map(formatClearingLine).join("\n")}\n`;
}

/**
 * Each line with its number (1-based, as an editor shows it), skipping blank lines and comments.
 * Takes the file's text in chunks, so a large file is read as it streams.
 */
export async function* clearingLines(
  chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
): AsyncGenerator<{
  line: number;
  text: string;
}> {
  let rest = "";
  let number = 0;
  for await (const chunk of chunks) {
    rest += typeof chunk === "string" ? chunk : chunk.toString("utf8");
    let end = rest.indexOf("\n");
    while (end >= 0) {
      number++;
      const text = rest.slice(0, end).replace(/\r$/, "");
      rest = rest.slice(end + 1);
      if (text.trim() !== "" && !text.startsWith("#")) yield { line: number, text };
      end = rest.indexOf("\n");
    }
  }
  number++;
  if (rest.trim() !== "" && !rest.startsWith("#")) yield { line: number, text: rest.replace(/\r$/, "") };
}

let arnCounter = randomInt(1_000_000_000);

/** A fresh acquirer reference number: 23 digits, unique enough for a simulator. */
export function newArn(now = new Date()): string {
  arnCounter = (arnCounter + 1) % 1_000_000_000_000;
  const stamp = String(now.getTime()).padStart(11, "0").slice(-11);
  return `${stamp}${String(arnCounter).padStart(12, "0")}`.slice(0, 23);
}

/** A day as the network writes it, in UTC. */
export const settlementDay = (at = new Date()) => at.toISOString().slice(0, 10);

export interface ClearingFileOptions {
  /** Cards to clear on: each record picks one. */
  cards: ReadonlyArray<{ pan: string }>;
  records: number;
  currency?: string;
  /** Share of refunds among the records, 0..1. Default 0.05. */
  refundShare?: number;
  /** Amounts drawn from min..max (minor units). Default 100..20,000. */
  amounts?: { min: number; max: number };
  settlementDate?: string;
}

const merchants: Merchant[] = [
  { name: "Cafe Mori", mcc: "5814", country: "JP" },
  { name: "Super Hanabi", mcc: "5411", country: "JP" },
  { name: "Tokyo Metro", mcc: "4111", country: "JP" },
  { name: "Book Nook", mcc: "5942", country: "JP" },
];

/** A generated file of records with no authorization (as a network's offline presentments, and refunds). */
export function generateClearingRecords(options: ClearingFileOptions): ClearingRecord[] {
  const { min, max } = options.amounts ?? { min: 100, max: 20_000 };
  const refundShare = options.refundShare ?? 0.05;
  const date = options.settlementDate ?? settlementDay();
  const records: ClearingRecord[] = [];
  for (let i = 0; i < options.records; i++) {
    const card = options.cards[i % options.cards.length];
    if (!card) throw new Error("no cards to clear on");
    records.push({
      kind: Math.random() < refundShare ? "refund" : "presentment",
      arn: newArn(),
      pan: card.pan,
      authorization: null,
      sequence: 1,
      count: 1,
      amount: min + randomInt(max - min + 1),
      currency: options.currency ?? "JPY",
      merchant: merchants[i % merchants.length] as Merchant,
      settlementDate: date,
      fee: 0,
    });
  }
  return records;
}

/** What the issuer answered for a clearing file: what became of its lines. */
export interface ClearingFileReceipt {
  file_id: string;
  records: number;
  accepted: number;
  duplicates: number;
  failed: number;
  errors: Array<{ line: number; error: string }>;
  lines: Array<{ line: number; transaction_id: string; duplicate: boolean }>;
}

/** Delivers a clearing file to the issuer's clearing edge (Koban's gateway, `POST /clearing/files`). */
export async function sendClearingFile(
  gatewayUrl: string,
  text: string,
  options: { name?: string; timeoutMs?: number } = {},
): Promise<ClearingFileReceipt> {
  const url = new URL("/clearing/files", gatewayUrl);
  url.searchParams.set("name", options.name ?? "clearing-file");
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: text,
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  if (!response.ok) throw new Error(`the issuer refused the clearing file: HTTP ${response.status}`);
  return (await response.json()) as ClearingFileReceipt;
}
