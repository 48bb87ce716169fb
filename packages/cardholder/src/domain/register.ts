import { DomainError, type PayloadOf, type RegisterCardholder } from "@koban/contracts";
import { type Cardholder, type CardholderEvent, evolve } from "./cardholder.ts";
import { decideKyc } from "./kyc.ts";
import { validateSpendControls } from "./spend-controls.ts";

/** How far past Koban's clock a partner's attestation may be dated: its clock may run a little ahead. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** What registering needs to know besides the command: the business it names, if any. */
export interface RegistrationFacts {
  business: Cardholder | undefined;
}

/**
 * A new cardholder is active and waits for KYC; when its partner attests its own KYC, the
 * verification follows at once, as the stream's second event.
 */
export function decideRegister(
  state: Cardholder | undefined,
  command: PayloadOf<typeof RegisterCardholder>,
  facts: RegistrationFacts,
  now: Date,
): CardholderEvent[] {
  if (state)
    throw new DomainError("cardholder_exists", `Cardholder ${command.cardholder_id} already exists`, { status: 409 });
  if (command.business_id !== null) {
    if (command.type !== "individual") {
      throw new DomainError("parameter_invalid", "Only individuals can belong to a business", {
        status: 400,
        param: "business_id",
      });
    }
    if (facts.business?.type !== "business") {
      throw new DomainError("business_not_found", `No business cardholder ${command.business_id}`, {
        status: 422,
        param: "business_id",
      });
    }
  }
  validateSpendControls(command.spend_controls);
  const { cardholder_id, kyc, ...details } = command;
  const registered: CardholderEvent = {
    type: "CardholderRegistered",
    data: { cardholder_id, status: "active", kyc_status: "pending", created_at: now.toISOString(), ...details },
  };
  if (!kyc) return [registered];

  const verifiedAt = kyc.verified_at ?? now.toISOString();
  if (Date.parse(verifiedAt) > now.getTime() + CLOCK_SKEW_MS) {
    throw new DomainError("parameter_invalid", "kyc.verified_at is in the future.", {
      status: 400,
      param: "kyc.verified_at",
    });
  }
  const verified = decideKyc(evolve(undefined, registered), {
    result: "verified",
    source: "partner",
    reason: null,
    reference: kyc.reference,
    decidedAt: verifiedAt,
  });
  return [registered, ...verified];
}
