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
  const stored = {
    api_key_id: newId("key"),
    partner_id: newId("ptn"),
    livemode: false,
    key_hash: "ab".repeat(32),
    redacted_key: "kb_test_…abcd",
    created_at: new Date().toISOString(),
  };
  const read = (payload: object) => ApiKeyCreated.schema.parse(payload).restricted_scopes;

  it("reads a key stored before scopes existed as standard: it could do everything, and still can", () => {
    expect(read(stored)).toBeNull();
  });

  it("reads a key stored before kinds as standard when it listed every scope of its day, else as restricted", () => {
    const sixScopes = apiKeyScopes.slice(0, 6);
    expect(read({ ...stored, scopes: sixScopes })).toBeNull();
    expect(read({ ...stored, scopes: [...sixScopes].reverse() })).toBeNull();
    expect(read({ ...stored, scopes: [...apiKeyScopes] })).toBeNull();
    expect(read({ ...stored, scopes: ["cards:read"] })).toEqual(["cards:read"]);
    expect(read({ ...stored, scopes: apiKeyScopes.slice(0, 8) })).toEqual(apiKeyScopes.slice(0, 8));
  });

  it("keeps a key of a kind as written, and reads its own output the same", () => {
    const restricted = { ...stored, restricted_scopes: apiKeyScopes.slice(0, 6) };
    expect(read(restricted)).toEqual(apiKeyScopes.slice(0, 6));
    expect(read(ApiKeyCreated.schema.parse(restricted))).toEqual(apiKeyScopes.slice(0, 6));
    expect(read({ ...stored, restricted_scopes: null })).toBeNull();
    expect(ApiKeyCreated.schema.safeParse({ ...stored, scopes: ["cards:nope"] }).success).toBe(false);
  });
});
