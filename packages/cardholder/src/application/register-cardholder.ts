import { CardholderRegistered, RegisterCardholder } from "@koban/contracts";
import { onCommand, PermanentError } from "@koban/messaging";
import { decideRegister, evolve } from "../domain/cardholder.ts";
import type { CardholderStore } from "./cardholder-store.ts";

export const registerCardholder = (store: CardholderStore) =>
  onCommand(RegisterCardholder, async (command, context) => {
    const tenant = command.tenant;
    if (!tenant) throw new PermanentError("RegisterCardholder needs a tenant");
    const { payload } = command;
    const existing = await store.load(context.tx, tenant, payload.cardholder_id, { forUpdate: true });
    const business = payload.business_id ? await store.load(context.tx, tenant, payload.business_id) : undefined;

    const [event] = decideRegister(existing, payload, { business }, new Date());
    if (!event) throw new Error("registering decided nothing");
    const state = evolve(existing, event);
    await store.insert(context.tx, tenant, state, event);
    context.emit(CardholderRegistered, event.data, { id: state.id, version: state.version });
    return { cardholder_id: state.id, stream_version: state.version };
  });
