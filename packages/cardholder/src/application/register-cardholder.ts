import { RegisterCardholder } from "@koban/contracts";
import { onCommand } from "@koban/messaging";
import { decideRegister } from "../domain/register.ts";
import type { CardholderStore } from "./cardholder-store.ts";
import { commit, tenantOf } from "./commit.ts";

export const registerCardholder = (store: CardholderStore) =>
  onCommand(RegisterCardholder, async (command, context) => {
    const tenant = tenantOf(command);
    const { payload } = command;
    const existing = await store.load(context.tx, tenant, payload.cardholder_id, { forUpdate: true });
    const business = payload.business_id ? await store.load(context.tx, tenant, payload.business_id) : undefined;

    const events = decideRegister(existing, payload, { business }, new Date());
    const state = await commit(store, context, tenant, existing, events);
    return { cardholder_id: state.id, stream_version: state.version };
  });
