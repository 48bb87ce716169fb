import {
  CardholderClosed,
  CardholderContactChanged,
  CardholderKycRejected,
  CardholderKycReviewRequested,
  CardholderKycVerified,
  CardholderMetadataChanged,
  CardholderNameChanged,
  CardholderReactivated,
  CardholderSuspended,
  type EventDefinition,
  type PayloadOf,
} from "@koban/contracts";
import { onEvent } from "@koban/messaging";
import { advance } from "./advance.ts";

type Column = "email" | "phone_number" | "address" | "individual" | "metadata" | "kyc_status" | "status";

/** A projection that sets some columns of the cardholder's row (the event's stream), once per version. */
function setColumns<E extends EventDefinition>(
  definition: E,
  columns: (payload: PayloadOf<E>) => Partial<Record<Column, unknown>>,
) {
  return onEvent(definition, async (event, { tx }) => {
    if (!(await advance(tx, event)) || !event.stream) return;
    const values = Object.entries(columns(event.payload));
    const assignments = values.map(([column], i) => `${column} = $${i + 3}`).join(", ");
    await tx.query(`UPDATE query.cardholders SET ${assignments}, version = $2 WHERE id = $1`, [
      event.stream.id,
      event.stream.version,
      ...values.map(([, value]) => value),
    ]);
  });
}

export const cardholderLifecycleProjections = [
  setColumns(CardholderContactChanged, (p) => ({ email: p.email, phone_number: p.phone_number, address: p.address })),
  setColumns(CardholderNameChanged, (p) => ({ individual: p.individual })),
  setColumns(CardholderMetadataChanged, (p) => ({ metadata: p.metadata })),
  setColumns(CardholderKycVerified, () => ({ kyc_status: "verified" })),
  setColumns(CardholderKycRejected, () => ({ kyc_status: "rejected" })),
  setColumns(CardholderKycReviewRequested, () => ({ kyc_status: "needs_review" })),
  setColumns(CardholderSuspended, () => ({ status: "suspended" })),
  setColumns(CardholderReactivated, () => ({ status: "active" })),
  setColumns(CardholderClosed, () => ({ status: "closed" })),
];
