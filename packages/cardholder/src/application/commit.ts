import {
  CardholderClosed,
  CardholderComplianceHoldLifted,
  CardholderComplianceHoldPlaced,
  CardholderContactChanged,
  CardholderKycRejected,
  CardholderKycReviewRequested,
  CardholderKycVerified,
  CardholderMetadataChanged,
  CardholderNameChanged,
  CardholderReactivated,
  CardholderRegistered,
  CardholderSpendControlsChanged,
  CardholderSuspended,
  type Envelope,
  type EventDefinition,
  type Tenant,
} from "@koban/contracts";
import { type HandlerContext, PermanentError } from "@koban/messaging";
import { type Cardholder, type CardholderEvent, evolve } from "../domain/cardholder.ts";
import type { CardholderStore } from "./cardholder-store.ts";

const definitions = {
  CardholderRegistered,
  CardholderContactChanged,
  CardholderNameChanged,
  CardholderMetadataChanged,
  CardholderSpendControlsChanged,
  CardholderKycVerified,
  CardholderKycRejected,
  CardholderKycReviewRequested,
  CardholderSuspended,
  CardholderReactivated,
  CardholderClosed,
  CardholderComplianceHoldPlaced,
  CardholderComplianceHoldLifted,
} satisfies { [T in CardholderEvent["type"]]: EventDefinition<T> };

/**
 * Another command changed the cardholder between our read and our write. Not a refusal:
 * the message is retried and decides again on the state it then finds.
 */
export class ConcurrentChangeError extends Error {
  override name = "ConcurrentChangeError";
}

export function tenantOf(command: Envelope): Tenant {
  if (!command.tenant) throw new PermanentError(`${command.type} needs a tenant`);
  return command.tenant;
}

/**
 * Applies decided events: each to the outbox with the stream version it brings the
 * cardholder to, the resulting state to the table, all in the handler's transaction.
 */
export async function commit(
  store: CardholderStore,
  context: HandlerContext,
  tenant: Tenant,
  before: Cardholder | undefined,
  events: readonly CardholderEvent[],
): Promise<Cardholder> {
  let state = before;
  for (const event of events) {
    state = evolve(state, event);
    context.emit(definitions[event.type], event.data, { id: state.id, version: state.version });
  }
  if (!state) throw new Error("nothing was decided about a cardholder that does not exist");
  if (!before) await store.insert(context.tx, tenant, state);
  else if (state !== before && !(await store.update(context.tx, tenant, before, state))) {
    throw new ConcurrentChangeError(`cardholder ${state.id} changed since version ${before.version}`);
  }
  return state;
}
