import { type Envelope, LiftCardholderComplianceHold, PlaceCardholderComplianceHold } from "@koban/contracts";
import { type HandlerContext, onCommand } from "@koban/messaging";
import { type Cardholder, type CardholderEvent, existing } from "../domain/cardholder.ts";
import { decideLiftHold, decidePlaceHold, type StaffDecision } from "../domain/compliance-hold.ts";
import type { CardholderStore } from "./cardholder-store.ts";
import { commit, tenantOf } from "./commit.ts";

type HoldCommand = Envelope<{ cardholder_id: string; reason: string; staff_id: string }>;

async function decideHold(
  store: CardholderStore,
  context: HandlerContext,
  command: HoldCommand,
  decide: (cardholder: Cardholder, decision: StaffDecision, now: Date) => CardholderEvent[],
) {
  const tenant = tenantOf(command);
  const { cardholder_id: id, reason, staff_id: staffId } = command.payload;
  const before = existing(await store.load(context.tx, tenant, id), id);
  const state = await commit(store, context, tenant, before, decide(before, { reason, staffId }, new Date()));
  return { cardholder_id: state.id, stream_version: state.version };
}

/** Staff only: the console sends these, never the API. */
export const placeCardholderComplianceHold = (store: CardholderStore) =>
  onCommand(PlaceCardholderComplianceHold, (command, context) => decideHold(store, context, command, decidePlaceHold));

export const liftCardholderComplianceHold = (store: CardholderStore) =>
  onCommand(LiftCardholderComplianceHold, (command, context) => decideHold(store, context, command, decideLiftHold));
