import { type Address, noSpendControls, type PayloadOf, type UpdateCardholder } from "@koban/contracts";
import { describe, expect, it } from "vitest";
import { type Cardholder, evolve } from "../src/domain/cardholder.ts";
import { decideUpdate } from "../src/domain/update.ts";
import { cardholderIn, now, refusal, registered } from "./given.ts";

type Update = Omit<PayloadOf<typeof UpdateCardholder>, "cardholder_id">;
const update = (state: Cardholder, changes: Update) =>
  decideUpdate(state, { cardholder_id: state.id, ...changes }, now);
const at = now.toISOString();

const tokyo: Address = {
  line1: "1-2-3 Shibuya",
  line2: null,
  city: "Shibuya-ku",
  state: "Tokyo",
  postal_code: "150-0002",
  country: "JP",
};

describe("updating a cardholder", () => {
  it("given a cardholder, when its contact changes, then the event holds the whole new contact", () => {
    const state = registered({ email: "old@example.com", phone_number: "+819012345678" });
    const events = update(state, { email: "new@example.com", address: tokyo });
    expect(events).toEqual([
      {
        type: "CardholderContactChanged",
        data: {
          cardholder_id: state.id,
          email: "new@example.com",
          phone_number: "+819012345678",
          address: tokyo,
          changed_at: at,
        },
      },
    ]);
    expect(events.reduce(evolve, state).details).toMatchObject({ email: "new@example.com", address: tokyo });
  });

  it("clears a field set to null, and changes nothing for the values it already has", () => {
    const state = registered({ email: "a@example.com", address: tokyo });
    expect(update(state, { email: "a@example.com", address: { ...tokyo } })).toEqual([]);
    const cleared = update(state, { address: null });
    expect(cleared[0]?.data).toMatchObject({ email: "a@example.com", address: null });
  });

  it("renames an individual, one name at a time", () => {
    const state = registered();
    const events = update(state, { individual: { last_name: "Tanaka" } });
    expect(events).toEqual([
      {
        type: "CardholderNameChanged",
        data: { cardholder_id: state.id, individual: { first_name: "Aiko", last_name: "Tanaka" }, changed_at: at },
      },
    ]);
  });

  it("refuses a person's name on a business (400 on individual)", () => {
    const business = registered({ type: "business", individual: null, business: { legal_name: "Acme" } });
    expect(refusal(() => update(business, { individual: { first_name: "X" } }))).toMatchObject({
      code: "parameter_unknown",
      details: { status: 400, param: "individual" },
    });
  });

  it("merges metadata: keys set are set, keys set to null are removed", () => {
    const state = registered({ metadata: { a: "1", b: "2" } });
    const events = update(state, { metadata: { b: null, c: "3" } });
    expect(events).toEqual([
      {
        type: "CardholderMetadataChanged",
        data: { cardholder_id: state.id, metadata: { a: "1", c: "3" }, changed_at: at },
      },
    ]);
    expect(update(state, { metadata: { a: "1" } })).toEqual([]);
  });

  it("refuses metadata that would hold more than 20 keys", () => {
    const state = registered({ metadata: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, "v"])) });
    expect(refusal(() => update(state, { metadata: { one_more: "v" } }))).toMatchObject({
      code: "parameter_invalid",
      details: { status: 400, param: "metadata" },
    });
    expect(update(state, { metadata: { k0: null, one_more: "v" } })).toHaveLength(1);
  });

  it("emits one event per kind of change, the status change last", () => {
    const state = registered();
    const events = update(state, {
      email: "x@example.com",
      individual: { first_name: "Yui" },
      metadata: { plan: "gold" },
      status: "closed",
    });
    expect(events.map((event) => event.type)).toEqual([
      "CardholderContactChanged",
      "CardholderNameChanged",
      "CardholderMetadataChanged",
      "CardholderClosed",
    ]);
    expect(events.reduce(evolve, state)).toMatchObject({ status: "closed", version: state.version + 4 });
  });

  it("given a suspended cardholder, when its contact changes, then it changes", () => {
    expect(update(cardholderIn("suspended", "pending"), { email: "s@example.com" })).toHaveLength(1);
  });

  it("given a closed cardholder, when anything would change, then it is refused (409)", () => {
    const closed = cardholderIn("closed", "verified");
    for (const changes of [{ email: "x@example.com" }, { metadata: { a: "1" } }, { status: "active" as const }]) {
      expect(refusal(() => update(closed, changes))).toMatchObject({
        code: "invalid_state_transition",
        details: { status: 409 },
      });
    }
    expect(update(closed, { status: "closed" })).toEqual([]);
  });

  it("given no such cardholder (or another tenant's), then it is not found, on id", () => {
    const id = registered().id;
    expect(refusal(() => decideUpdate(undefined, { cardholder_id: id, email: null }, now))).toMatchObject({
      code: "resource_not_found",
      details: { status: 404, param: "id" },
    });
  });
});

describe("a cardholder's spend controls", () => {
  const limits = {
    ...noSpendControls,
    amount_limits: { ...noSpendControls.amount_limits, daily: 30_000, monthly: 200_000 },
  };

  it("given none, when registered with controls, then the registration carries them", () => {
    expect(registered({ spend_controls: limits }).spendControls).toEqual(limits);
  });

  it("given a cardholder, when its controls change, then one event holds them whole", () => {
    const state = registered();
    const events = update(state, { spend_controls: limits });
    expect(events).toEqual([
      {
        type: "CardholderSpendControlsChanged",
        data: { cardholder_id: state.id, spend_controls: limits, changed_at: at },
      },
    ]);
    expect(events.reduce(evolve, state).spendControls).toEqual(limits);
  });

  it("given the same controls in another order, then nothing changes", () => {
    const blocked = { ...noSpendControls, blocked_mccs: ["7995", "5933"] };
    const state = registered({ spend_controls: blocked });
    expect(update(state, { spend_controls: { ...blocked, blocked_mccs: ["5933", "7995"] } })).toEqual([]);
  });

  it("refuses controls that do not hold together, on registration and on change, naming the field", () => {
    const disordered = {
      ...noSpendControls,
      amount_limits: { ...noSpendControls.amount_limits, daily: 5_000, monthly: 1_000 },
    };
    expect(refusal(() => registered({ spend_controls: disordered }))).toMatchObject({
      code: "parameter_invalid",
      details: { param: "spend_controls.amount_limits.daily" },
    });
    expect(refusal(() => update(registered(), { spend_controls: disordered }))).toMatchObject({
      code: "parameter_invalid",
    });
  });

  it("refuses a closed cardholder's new controls", () => {
    expect(refusal(() => update(cardholderIn("closed", "verified"), { spend_controls: limits }))).toMatchObject({
      code: "invalid_state_transition",
    });
  });
});
