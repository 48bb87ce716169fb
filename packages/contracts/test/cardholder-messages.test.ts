import { describe, expect, it } from "vitest";
import { newId, newMessageId, noSpendControls, parseEnvelope } from "../src/index.ts";

/** A CardholderRegistered as the event store holds it from before cardholders had spend controls. */
const registeredBeforeSpendControls = () => ({
  id: newMessageId(),
  type: "CardholderRegistered",
  version: 1,
  kind: "event",
  source: "cardholder",
  tenant: { partnerId: newId("ptn"), livemode: false },
  correlationId: "c1",
  causationId: null,
  occurredAt: new Date().toISOString(),
  stream: { id: "ch_x", version: 1 },
  payload: {
    cardholder_id: newId("ch"),
    type: "individual",
    business_id: null,
    individual: { first_name: "Aiko", last_name: "Sato" },
    business: null,
    email: null,
    phone_number: null,
    address: null,
    metadata: {},
    status: "active",
    kyc_status: "pending",
    created_at: new Date().toISOString(),
  },
});

describe("cardholder spend controls in messages", () => {
  it("reads an event from before they existed as a cardholder without any", () => {
    const parsed = parseEnvelope(registeredBeforeSpendControls());
    expect((parsed.payload as { spend_controls: unknown }).spend_controls).toEqual(noSpendControls);
  });

  it("reads a RegisterCardholder without them as none", () => {
    const { payload, ...rest } = registeredBeforeSpendControls();
    const { status: _, kyc_status: __, created_at: ___, ...details } = payload;
    const parsed = parseEnvelope({
      ...rest,
      type: "RegisterCardholder",
      kind: "command",
      replyTo: "q",
      payload: { ...details, kyc: null },
    });
    expect((parsed.payload as { spend_controls: unknown }).spend_controls).toEqual(noSpendControls);
  });
});
