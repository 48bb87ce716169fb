import { describe, expect, it } from "vitest";
import {
  type ClearingRecord,
  clearingLines,
  formatClearingFile,
  formatClearingLine,
  generateClearingRecords,
  newArn,
  parseClearingLine,
} from "../src/clearing-file.ts";

const record: ClearingRecord = {
  kind: "presentment",
  arn: "12345678901234567890123",
  pan: "4242424200000001",
  authorization: { stan: "000123", rrn: "612312000123" },
  sequence: 2,
  count: 3,
  amount: 1_500,
  currency: "JPY",
  merchant: { name: "Cafe Mori", mcc: "5814", country: "JP", id: "M-1" },
  settlementDate: "2026-03-31",
  fee: 12,
};

describe("a clearing file line", () => {
  it("reads back what was written", () => {
    expect(parseClearingLine(formatClearingLine(record))).toEqual({ ok: true, record });
    const bare = { ...record, kind: "refund" as const, authorization: null, merchant: { ...record.merchant } };
    delete bare.merchant.id;
    expect(parseClearingLine(formatClearingLine(bare))).toEqual({ ok: true, record: bare });
  });

  it("names the field at fault, never the line's content", () => {
    const line = formatClearingLine(record).split("|");
    const broken = (index: number, value: string) => {
      const fields = [...line];
      fields[index] = value;
      return parseClearingLine(fields.join("|"));
    };
    const cases: Array<[number, string, string]> = [
      [0, "X", "kind"],
      [1, "123", "arn"],
      [2, "42a", "pan"],
      [3, "", "auth_stan"],
      [4, "short", "auth_rrn"],
      [5, "4", "sequence"],
      [6, "0", "count"],
      [7, "-5", "amount"],
      [7, "1.5", "amount"],
      [8, "yen", "currency"],
      [9, "58", "mcc"],
      [10, "", "merchant_name"],
      [11, "Japan", "merchant_country"],
      [13, "2026-02-30", "settlement_date"],
      [14, "x", "fee"],
    ];
    for (const [index, value, field] of cases) {
      const parsed = broken(index, value);
      expect(parsed.ok, `${field} = ${value}`).toBe(false);
      if (!parsed.ok) {
        expect(parsed.error.startsWith(field), parsed.error).toBe(true);
        expect(parsed.error).not.toContain(record.pan);
      }
    }
    expect(parseClearingLine("P|1|2").ok).toBe(false);
  });
});

describe("a clearing file", () => {
  it("numbers its lines as an editor does, skipping comments and blank lines, across chunks", async () => {
    const text = formatClearingFile([record, { ...record, arn: newArn() }]);
    const chunks = [text.slice(0, 40), text.slice(40, 41), text.slice(41), "\n\n# done\n"];
    async function* stream() {
      yield* chunks;
    }
    const lines = [];
    for await (const line of clearingLines(stream())) lines.push(line);
    expect(lines.map((l) => l.line)).toEqual([2, 3]);
    expect(lines.map((l) => parseClearingLine(l.text).ok)).toEqual([true, true]);
  });

  it("is generated with distinct network ids", () => {
    const records = generateClearingRecords({ cards: [{ pan: record.pan }], records: 2_000 });
    expect(new Set(records.map((r) => r.arn)).size).toBe(2_000);
    expect(records.every((r) => parseClearingLine(formatClearingLine(r)).ok)).toBe(true);
  });
});
