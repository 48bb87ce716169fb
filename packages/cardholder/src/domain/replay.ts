import type { CardholderRegistered, Envelope, PayloadOf } from "@koban/contracts";
import { type Cardholder, type CardholderEvent, evolve } from "./cardholder.ts";

/** A cardholder's state from its stream in the event store: what its tables must agree with. */
export function replayCardholder(stream: readonly Envelope[]): Cardholder | undefined {
  return stream.reduce<Cardholder | undefined>((state, envelope) => {
    if (envelope.type !== "CardholderRegistered") return state;
    const event: CardholderEvent = {
      type: "CardholderRegistered",
      data: envelope.payload as PayloadOf<typeof CardholderRegistered>,
    };
    return evolve(state, event);
  }, undefined);
}
