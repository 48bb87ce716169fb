import { type ApiKeyScope, type CreateProgram, newId, noSpendControls, type PayloadOf } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey } from "../src/domain/api-key.ts";
import {
  decideCreateApiKey,
  decideCreatePartner,
  decideReactivatePartner,
  decideRevokeApiKey,
  decideRollApiKey,
  decideSuspendPartner,
  evolve,
  type Partner,
} from "../src/domain/partner.ts";
import { decideCreateProgram } from "../src/domain/program.ts";

const now = new Date("2026-11-26T00:00:00Z");
const restricted: ApiKeyScope[] = ["cards:read", "programs:read"];

/** A standard key unless given the scopes of a restricted one. */
const newKey = (livemode: boolean, scopes: ApiKeyScope[] | null = null) => {
  const key = generateApiKey(livemode);
  return { api_key_id: newId("key"), livemode, key_hash: key.hash, redacted_key: key.redacted, scopes };
};

const newProgram = (overrides: Partial<PayloadOf<typeof CreateProgram>> = {}): PayloadOf<typeof CreateProgram> => ({
  program_id: newId("prg"),
  livemode: false,
  name: "Test program",
  currency: "JPY",
  timezone: "Asia/Tokyo",
  bin_prefix: "42424242",
  pan_length: 16,
  default_spend_controls: noSpendControls,
  default_funding_source_id: null,
  ...overrides,
});

describe("partners", () => {
  it("given nothing, when created with a first key and program, then all follow and the partner is at version 2", () => {
    const program = newProgram();
    const events = decideCreatePartner(
      undefined,
      { partner_id: newId("ptn"), name: "Acme", api_key: newKey(false), program },
      now,
    );
    expect(events.map((e) => e.type)).toEqual(["PartnerCreated", "ApiKeyCreated", "ProgramCreated"]);
    expect(events[1]).toMatchObject({ restricted_scopes: null });
    expect(events[2]).toMatchObject({ program_id: program.program_id, partner_id: events[0]?.partner_id });
    // The program is its own stream: the partner's version counts only its own events.
    expect(events.reduce<Partner | undefined>(evolve, undefined)?.version).toBe(2);
  });

  it("refuses to create a partner twice, and a key for no partner", () => {
    const partner = { id: newId("ptn"), name: "Acme", version: 1, status: "active" as const, apiKeys: {} };
    expect(() => decideCreatePartner(partner, { partner_id: partner.id, name: "Acme" }, now)).toThrow(/already exists/);
    expect(() => decideCreateApiKey(undefined, newKey(true), now)).toThrow(/No such partner/);
  });
});

describe("suspension", () => {
  const active: Partner = { id: newId("ptn"), name: "Acme", version: 2, status: "active", apiKeys: {} };

  it("given an active partner, when staff suspend it with a reason, then it is suspended; reactivating brings it back", () => {
    const suspended = decideSuspendPartner(active, { partner_id: active.id, reason: "unpaid invoices" }, now);
    expect(suspended).toEqual([
      { type: "PartnerSuspended", partner_id: active.id, reason: "unpaid invoices", suspended_at: now.toISOString() },
    ]);
    const after = suspended.reduce<Partner | undefined>(evolve, active);
    expect(after).toMatchObject({ status: "suspended", version: 3 });
    const reactivated = decideReactivatePartner(after, { partner_id: active.id }, now);
    expect(reactivated).toEqual([
      { type: "PartnerReactivated", partner_id: active.id, reactivated_at: now.toISOString() },
    ]);
    expect(reactivated.reduce<Partner | undefined>(evolve, after)).toMatchObject({ status: "active", version: 4 });
  });

  it("refuses to suspend twice, to reactivate an active partner, and an unknown partner", () => {
    const suspended = { ...active, status: "suspended" as const };
    expect(() => decideSuspendPartner(suspended, { partner_id: active.id, reason: "again" }, now)).toThrow(
      expect.objectContaining({ code: "invalid_state_transition" }),
    );
    expect(() => decideReactivatePartner(active, { partner_id: active.id }, now)).toThrow(
      expect.objectContaining({ code: "invalid_state_transition" }),
    );
    expect(() => decideSuspendPartner(undefined, { partner_id: active.id, reason: "gone" }, now)).toThrow(
      /No such partner/,
    );
  });
});

describe("programs", () => {
  const partner = { id: newId("ptn"), name: "Acme", version: 2, status: "active" as const, apiKeys: {} };

  it("belong to an existing partner, once", () => {
    const command = newProgram({ livemode: true, currency: "USD", timezone: "America/New_York" });
    expect(decideCreateProgram(partner, false, command, now)).toEqual([
      { type: "ProgramCreated", ...command, partner_id: partner.id, created_at: now.toISOString() },
    ]);
    expect(() => decideCreateProgram(undefined, false, command, now)).toThrow(/No such partner/);
    expect(() => decideCreateProgram(partner, true, command, now)).toThrow(
      expect.objectContaining({ code: "program_exists" }),
    );
  });

  it("refuse default controls that do not hold together, naming the field", () => {
    const controls = { ...noSpendControls, allowed_mccs: ["5411"], blocked_mccs: ["7995"] };
    expect(() => decideCreateProgram(partner, false, newProgram({ default_spend_controls: controls }), now)).toThrow(
      expect.objectContaining({ details: { status: 400, param: "default_spend_controls.blocked_mccs" } }),
    );
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

describe("an API key's lifecycle", () => {
  const created = (scopes: ApiKeyScope[] | null = null) => {
    const key = newKey(true, scopes);
    const partner = decideCreatePartner(
      undefined,
      { partner_id: newId("ptn"), name: "Acme", api_key: key },
      now,
    ).reduce<Partner | undefined>(evolve, undefined) as Partner;
    return { partner, key };
  };

  it("is revoked once; a second revoke is an invalid transition, another partner's key unknown", () => {
    const { partner, key } = created();
    const events = decideRevokeApiKey(partner, { api_key_id: key.api_key_id }, now);
    expect(events).toEqual([
      { type: "ApiKeyRevoked", api_key_id: key.api_key_id, partner_id: partner.id, revoked_at: now.toISOString() },
    ]);
    const revoked = events.reduce<Partner | undefined>(evolve, partner);
    expect(revoked?.version).toBe(3);
    expect(() => decideRevokeApiKey(revoked, { api_key_id: key.api_key_id }, now)).toThrow(
      expect.objectContaining({ code: "invalid_state_transition", details: { status: 409 } }),
    );
    expect(() => decideRevokeApiKey(created().partner, { api_key_id: key.api_key_id }, now)).toThrow(
      expect.objectContaining({ code: "resource_not_found", details: { status: 404 } }),
    );
  });

  it("rolls into a new key of its mode and kind (standard), the old one expiring; not twice", () => {
    const { partner, key } = created();
    const next = { api_key_id: newId("key"), key_hash: "a".repeat(64), redacted_key: "kb_live_…abcd" };
    const events = decideRollApiKey(
      partner,
      { api_key_id: key.api_key_id, new_api_key: next, expires_in_seconds: 3600 },
      now,
    );
    expect(events).toEqual([
      {
        type: "ApiKeyRolled",
        api_key_id: key.api_key_id,
        partner_id: partner.id,
        new_api_key_id: next.api_key_id,
        expires_at: "2026-11-26T01:00:00.000Z",
        rolled_at: now.toISOString(),
      },
      expect.objectContaining({ type: "ApiKeyCreated", ...next, livemode: true, restricted_scopes: null }),
    ]);
    const rolled = events.reduce<Partner | undefined>(evolve, partner);
    expect(rolled?.apiKeys[key.api_key_id]?.expires_at).toBe("2026-11-26T01:00:00.000Z");
    const again = {
      api_key_id: key.api_key_id,
      new_api_key: { ...next, api_key_id: newId("key") },
      expires_in_seconds: 0,
    };
    expect(() => decideRollApiKey(rolled, again, now)).toThrow(/already rolled/);
  });

  it("rolls a restricted key into a restricted key with its scopes, unless given others or made standard", () => {
    const { partner, key } = created(restricted);
    expect(partner.apiKeys[key.api_key_id]?.scopes).toEqual(restricted);
    const roll = (scopes?: ApiKeyScope[] | null) => {
      const next = { api_key_id: newId("key"), key_hash: "b".repeat(64), redacted_key: "kb_live_…efgh" };
      const command = { api_key_id: key.api_key_id, new_api_key: { ...next, scopes }, expires_in_seconds: 0 };
      if (scopes === undefined) delete command.new_api_key.scopes;
      const events = decideRollApiKey(partner, command, now);
      return events.reduce<Partner | undefined>(evolve, partner)?.apiKeys[next.api_key_id]?.scopes;
    };
    expect(roll()).toEqual(restricted);
    expect(roll(["cards:write"])).toEqual(["cards:write"]);
    expect(roll(null)).toBeNull();
  });
});
