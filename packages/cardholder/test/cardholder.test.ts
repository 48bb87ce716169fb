import { DomainError, newId, type PayloadOf, type RegisterCardholder } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import { type Cardholder, decideRegister, evolve } from "../src/domain/cardholder.ts";

const now = new Date("2026-11-26T00:00:00Z");

function register(overrides: Partial<PayloadOf<typeof RegisterCardholder>> = {}): PayloadOf<typeof RegisterCardholder> {
  return {
    cardholder_id: newId("ch"),
    type: "individual",
    business_id: null,
    individual: { first_name: "Aiko", last_name: "Sato" },
    business: null,
    email: null,
    phone_number: null,
    metadata: {},
    ...overrides,
  };
}

const registered = (command: PayloadOf<typeof RegisterCardholder>): Cardholder =>
  decideRegister(undefined, command, { business: undefined }, now).reduce<Cardholder | undefined>(
    evolve,
    undefined,
  ) as Cardholder;

describe("registering a cardholder", () => {
  it("given nothing, when registered, then it is active and waits for KYC", () => {
    const command = register();
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
    const command = register();
    expect(() => decideRegister(registered(command), command, { business: undefined }, now)).toThrow(DomainError);
  });

  it("lets an individual join a business cardholder", () => {
    const business = registered(register({ type: "business", individual: null, business: { legal_name: "Acme" } }));
    const events = decideRegister(undefined, register({ business_id: business.id }), { business }, now);
    expect(events[0]?.data.business_id).toBe(business.id);
  });

  it("refuses a business_id that names no business", () => {
    const person = registered(register());
    const attempt = (business: Cardholder | undefined) => () =>
      decideRegister(undefined, register({ business_id: person.id }), { business }, now);
    expect(attempt(undefined)).toThrow(
      expect.objectContaining({
        code: "business_not_found",
        details: expect.objectContaining({ param: "business_id" }),
      }),
    );
    expect(attempt(person)).toThrow(expect.objectContaining({ code: "business_not_found" }));
  });

  it("refuses a business that belongs to a business", () => {
    const business = registered(register({ type: "business", individual: null, business: { legal_name: "Acme" } }));
    const command = register({
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
