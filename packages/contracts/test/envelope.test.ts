import { describe, expect, it } from "vitest";
import { idSchema, MessageValidationError, newId, newMessageId, parseEnvelope } from "../src/index.ts";

const envelope = (overrides: Record<string, unknown> = {}) => ({
  id: newMessageId(),
  type: "PartnerCreated",
  version: 1,
  kind: "event",
  source: "partner",
  tenant: null,
  correlationId: "c1",
  causationId: null,
  occurredAt: new Date().toISOString(),
  stream: { id: "ptn_x", version: 1 },
  payload: { partner_id: newId("ptn"), name: "Acme", created_at: new Date().toISOString() },
  ...overrides,
});

describe("parseEnvelope", () => {
  it("accepts a message that matches its contract", () => {
    const raw = envelope();
    expect(parseEnvelope(raw)).toEqual(raw);
  });

  it.each([
    ["an unknown type", { type: "PartnerExploded" }, /Unknown message type PartnerExploded v1/],
    ["an unknown version", { version: 9 }, /Unknown message type PartnerCreated v9/],
    ["the wrong kind", { kind: "command" }, /is a event, not a command/],
    ["a bad payload", { payload: { partner_id: "nope", name: "Acme" } }, /payload: partner_id/],
    ["a broken envelope", { id: "not-a-uuid" }, /Invalid envelope: id/],
  ])("rejects %s with a clear error", (_, overrides, message) => {
    expect(() => parseEnvelope(envelope(overrides))).toThrow(MessageValidationError);
    expect(() => parseEnvelope(envelope(overrides))).toThrow(message);
  });
});

describe("ids", () => {
  it("are prefixed, time-ordered and checkable", () => {
    const ids = Array.from({ length: 50 }, () => newId("ch"));
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(idSchema("ch").safeParse(id).success).toBe(true);
    expect(idSchema("ch").safeParse(newId("ptn")).success).toBe(false);
    const messages = Array.from({ length: 50 }, () => newMessageId());
    expect([...messages].sort()).toEqual(messages);
  });
});
