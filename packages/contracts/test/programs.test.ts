import { describe, expect, it } from "vitest";
import { ApiKeyCreated, apiKeyScopes, CreateProgram, newId, noSpendControls } from "../src/index.ts";

const program = {
  program_id: newId("prg"),
  livemode: false,
  name: "Test program",
  currency: "JPY",
  timezone: "Asia/Tokyo",
  bin_prefix: "424242",
  pan_length: 16,
  default_spend_controls: noSpendControls,
  default_funding_source_id: null,
};

describe("a program's fields", () => {
  it("take ISO 4217 currencies and IANA time zones only", () => {
    const valid = (overrides: object) => CreateProgram.schema.safeParse({ ...program, ...overrides }).success;
    expect(valid({})).toBe(true);
    expect(valid({ currency: "USD", timezone: "America/New_York" })).toBe(true);
    expect(valid({ timezone: "UTC" })).toBe(true);
    expect(valid({ currency: "jpy" })).toBe(false);
    expect(valid({ currency: "XYZ" })).toBe(false);
    expect(valid({ timezone: "Asia/Atlantis" })).toBe(false);
    expect(valid({ timezone: "+09:00" })).toBe(false);
    expect(valid({ bin_prefix: "42424" })).toBe(false);
    expect(valid({ bin_prefix: "424242424" })).toBe(false);
    expect(valid({ pan_length: 19 })).toBe(false);
  });
});

describe("ApiKeyCreated", () => {
  it("gives a key stored before scopes existed every scope, as it had", () => {
    const stored = {
      api_key_id: newId("key"),
      partner_id: newId("ptn"),
      livemode: false,
      key_hash: "ab".repeat(32),
      redacted_key: "kb_test_…abcd",
      created_at: new Date().toISOString(),
    };
    expect(ApiKeyCreated.schema.parse(stored).scopes).toEqual([...apiKeyScopes]);
    expect(ApiKeyCreated.schema.parse({ ...stored, scopes: ["cards:read"] }).scopes).toEqual(["cards:read"]);
  });
});
