import { newId } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey } from "../src/domain/api-key.ts";
import { decideCreateApiKey, decideCreatePartner, evolve, type Partner } from "../src/domain/partner.ts";

const now = new Date("2026-11-26T00:00:00Z");

describe("partners", () => {
  it("given nothing, when created with a first key, then both events follow and the partner is at version 2", () => {
    const key = generateApiKey(false);
    const events = decideCreatePartner(
      undefined,
      {
        partner_id: newId("ptn"),
        name: "Acme",
        api_key: { api_key_id: newId("key"), livemode: false, key_hash: key.hash, redacted_key: key.redacted },
      },
      now,
    );
    expect(events.map((e) => e.type)).toEqual(["PartnerCreated", "ApiKeyCreated"]);
    expect(events.reduce<Partner | undefined>(evolve, undefined)?.version).toBe(2);
  });

  it("refuses to create a partner twice, and a key for no partner", () => {
    const partner = { id: newId("ptn"), name: "Acme", version: 1 };
    expect(() => decideCreatePartner(partner, { partner_id: partner.id, name: "Acme" }, now)).toThrow(/already exists/);
    const key = generateApiKey(true);
    expect(() =>
      decideCreateApiKey(
        undefined,
        { api_key_id: newId("key"), livemode: true, key_hash: key.hash, redacted_key: key.redacted },
        now,
      ),
    ).toThrow(/No such partner/);
  });
});

describe("API keys", () => {
  it("are prefixed by mode, long and random, and stored only as a hash", () => {
    const test = generateApiKey(false);
    const live = generateApiKey(true);
    expect(test.key).toMatch(/^kb_test_[0-9A-Za-z]{32}$/);
    expect(live.key).toMatch(/^kb_live_[0-9A-Za-z]{32}$/);
    expect(test.hash).toBe(hashApiKey(test.key));
    expect(test.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(test.redacted).not.toContain(test.key.slice(8, -4));
    expect(new Set(Array.from({ length: 100 }, () => generateApiKey(false).key)).size).toBe(100);
  });
});
