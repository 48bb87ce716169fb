import { newId, noSpendControls, type PayloadOf, type RegisterCardholder } from "@koban/contracts";
import { type Cardholder, type CardholderEvent, evolve, type KycStatus } from "../src/domain/cardholder.ts";
import { decideKyc } from "../src/domain/kyc.ts";
import { decideRegister } from "../src/domain/register.ts";
import { decideStatusChange } from "../src/domain/status.ts";

export const now = new Date("2026-11-26T00:00:00Z");

export function registration(
  overrides: Partial<PayloadOf<typeof RegisterCardholder>> = {},
): PayloadOf<typeof RegisterCardholder> {
  return {
    cardholder_id: newId("ch"),
    type: "individual",
    business_id: null,
    individual: { first_name: "Aiko", last_name: "Sato" },
    business: null,
    email: null,
    phone_number: null,
    address: null,
    metadata: {},
    kyc: null,
    spend_controls: noSpendControls,
    ...overrides,
  };
}

/** The state these events leave: the "given" of a test. */
export const given = (events: readonly CardholderEvent[]): Cardholder =>
  events.reduce<Cardholder | undefined>(evolve, undefined) as Cardholder;

export const registered = (overrides: Partial<PayloadOf<typeof RegisterCardholder>> = {}): Cardholder =>
  given(decideRegister(undefined, registration(overrides), { business: undefined }, now));

/** A cardholder brought to a status and a KYC status through the decisions that lead there. */
export function cardholderIn(status: Cardholder["status"], kycStatus: KycStatus): Cardholder {
  let state = registered();
  const apply = (events: CardholderEvent[]) => {
    state = events.reduce(evolve, state);
  };
  const decide = (result: "verified" | "rejected" | "needs_review") =>
    decideKyc(state, { result, source: "staff", reason: null, reference: null, decidedAt: now.toISOString() });
  if (kycStatus !== "pending") apply(decide(kycStatus));
  if (status !== "active") apply(decideStatusChange(state, status, now));
  return state;
}

/** What a refused decision threw, for comparing with toMatchObject. */
export function refusal(decide: () => unknown): { code: string; details: object } {
  try {
    decide();
  } catch (error) {
    return error as { code: string; details: object };
  }
  throw new Error("the decision was not refused");
}
