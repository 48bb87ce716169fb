import { DomainError } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import { type Cardholder, evolve } from "../src/domain/cardholder.ts";
import { decideRegister } from "../src/domain/register.ts";
import { given, now, refusal, registered, registration } from "./given.ts";

describe("registering a cardholder", () => {
  it("given nothing, when registered, then it is active and waits for KYC", () => {
    const command = registration();
    const events = decideRegister(undefined, command, { business: undefined }, now);
    expect(events).toEqual([
      {
        type: "CardholderRegistered",
        data: expect.objectContaining({
          cardholder_id: command.cardholder_id,
          status: "active",
          kyc_status: "pending",
          created_at: now.toISOString(),
        }),
      },
    ]);
    expect(evolve(undefined, events[0] as never)).toMatchObject({ id: command.cardholder_id, version: 1 });
  });

  it("given the cardholder exists, when registered again, then it is refused", () => {
    const command = registration();
    const existing = given(decideRegister(undefined, command, { business: undefined }, now));
    expect(() => decideRegister(existing, command, { business: undefined }, now)).toThrow(DomainError);
  });

  it("keeps the address it is given", () => {
    const address = {
      line1: "1-2-3 Shibuya",
      line2: null,
      city: "Shibuya-ku",
      state: "Tokyo",
      postal_code: "150-0002",
      country: "JP",
    };
    expect(registered({ address }).details.address).toEqual(address);
  });

  it("lets an individual join a business cardholder", () => {
    const business = registered({ type: "business", individual: null, business: { legal_name: "Acme" } });
    const events = decideRegister(undefined, registration({ business_id: business.id }), { business }, now);
    expect(events[0]?.data).toMatchObject({ business_id: business.id });
  });

  it("refuses a business_id that names no business", () => {
    const person = registered();
    const attempt = (business: Cardholder | undefined) => () =>
      decideRegister(undefined, registration({ business_id: person.id }), { business }, now);
    expect(attempt(undefined)).toThrow(
      expect.objectContaining({
        code: "business_not_found",
        details: expect.objectContaining({ param: "business_id" }),
      }),
    );
    expect(attempt(person)).toThrow(expect.objectContaining({ code: "business_not_found" }));
  });

  it("refuses a business that belongs to a business", () => {
    const business = registered({ type: "business", individual: null, business: { legal_name: "Acme" } });
    const command = registration({
      type: "business",
      individual: null,
      business: { legal_name: "Sub" },
      business_id: business.id,
    });
    expect(() => decideRegister(undefined, command, { business }, now)).toThrow(
      expect.objectContaining({ code: "parameter_invalid" }),
    );
  });
});

describe("registering with the partner's own KYC", () => {
  it("given nothing, when registered with an attestation, then it is verified at once, as version 2", () => {
    const command = registration({
      kyc: { method: "partner", verified_at: "2026-11-20T09:00:00.000Z", reference: "acme-kyc-42" },
    });
    const events = decideRegister(undefined, command, { business: undefined }, now);
    expect(events.map((event) => event.type)).toEqual(["CardholderRegistered", "CardholderKycVerified"]);
    expect(events[1]?.data).toEqual({
      cardholder_id: command.cardholder_id,
      source: "partner",
      reason: null,
      reference: "acme-kyc-42",
      decided_at: "2026-11-20T09:00:00.000Z",
    });
    expect(given(events)).toMatchObject({ kycStatus: "verified", version: 2 });
  });

  it("dates the verification now when the partner gives no time", () => {
    const command = registration({ kyc: { method: "partner", verified_at: null, reference: null } });
    const events = decideRegister(undefined, command, { business: undefined }, now);
    expect(events[1]?.data).toMatchObject({ decided_at: now.toISOString(), reference: null });
  });

  it("refuses an attestation dated in the future", () => {
    const tomorrow = new Date(now.getTime() + 86_400_000).toISOString();
    const command = registration({ kyc: { method: "partner", verified_at: tomorrow, reference: null } });
    expect(refusal(() => decideRegister(undefined, command, { business: undefined }, now))).toMatchObject({
      code: "parameter_invalid",
      details: { status: 400, param: "kyc.verified_at" },
    });
  });
});
