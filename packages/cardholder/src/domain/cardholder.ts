import {
  type CardholderDetails,
  type CardholderRegistered,
  DomainError,
  type PayloadOf,
  type RegisterCardholder,
} from "@koban/contracts";

export type CardholderStatus = "active" | "suspended" | "closed";
export type KycStatus = "pending" | "verified" | "rejected" | "needs_review";

export interface Cardholder {
  id: string;
  type: "individual" | "business";
  status: CardholderStatus;
  kycStatus: KycStatus;
  details: CardholderDetails;
  version: number;
}

export type CardholderEvent = { type: "CardholderRegistered"; data: PayloadOf<typeof CardholderRegistered> };

/** What registering needs to know besides the command: the business it names, if any. */
export interface RegistrationFacts {
  business: Cardholder | undefined;
}

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
  const { cardholder_id, ...details } = command;
  return [
    {
      type: "CardholderRegistered",
      data: { cardholder_id, status: "active", kyc_status: "pending", created_at: now.toISOString(), ...details },
    },
  ];
}

export function evolve(state: Cardholder | undefined, event: CardholderEvent): Cardholder {
  switch (event.type) {
    case "CardholderRegistered": {
      const { cardholder_id, status, kyc_status, created_at: _, ...details } = event.data;
      return {
        id: cardholder_id,
        type: details.type,
        status,
        kycStatus: kyc_status,
        details,
        version: (state?.version ?? 0) + 1,
      };
    }
  }
}
