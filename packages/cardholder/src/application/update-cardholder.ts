import { UpdateCardholder } from "@koban/contracts";
import { onCommand } from "@koban/messaging";
import { decideUpdate } from "../domain/update.ts";
import type { CardholderStore } from "./cardholder-store.ts";
import { commit, tenantOf } from "./commit.ts";

export const updateCardholder = (store: CardholderStore) =>
  onCommand(UpdateCardholder, async (command, context) => {
    const tenant = tenantOf(command);
    const before = await store.load(context.tx, tenant, command.payload.cardholder_id);
    const state = await commit(store, context, tenant, before, decideUpdate(before, command.payload, new Date()));
    return { cardholder_id: state.id, stream_version: state.version };
  });
