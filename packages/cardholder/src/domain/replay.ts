import type { Envelope } from "@koban/contracts";
import { type Cardholder, type CardholderEvent, evolve } from "./cardholder.ts";

/** A record, not a list, so the compiler says when a new event is missing here. */
const cardholderEvents: Record<CardholderEvent["type"], true> = {
  CardholderRegistered: true,
  CardholderContactChanged: true,
  CardholderNameChanged: true,
  CardholderMetadataChanged: true,
  CardholderSpendControlsChanged: true,
  CardholderKycVerified: true,
  CardholderKycRejected: true,
  CardholderKycReviewRequested: true,
  CardholderSuspended: true,
  CardholderReactivated: true,
  CardholderClosed: true,
  CardholderComplianceHoldPlaced: true,
  CardholderComplianceHoldLifted: true,
};

/** A cardholder's state from its stream in the event store: what its tables must agree with. */
export function replayCardholder(stream: readonly Envelope[]): Cardholder | undefined {
  return stream.reduce<Cardholder | undefined>((state, envelope) => {
    if (!Object.hasOwn(cardholderEvents, envelope.type)) return state;
    return evolve(state, { type: envelope.type, data: envelope.payload } as CardholderEvent);
  }, undefined);
}
