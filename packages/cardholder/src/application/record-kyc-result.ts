import { RecordKycResult } from "@koban/contracts";
import { onCommand } from "@koban/messaging";
import { decideKycResult } from "../domain/kyc.ts";
import type { CardholderStore } from "./cardholder-store.ts";
import { commit, tenantOf } from "./commit.ts";

export const recordKycResult = (store: CardholderStore) =>
  onCommand(RecordKycResult, async (command, context) => {
    const tenant = tenantOf(command);
    const before = await store.load(context.tx, tenant, command.payload.cardholder_id);
    const events = decideKycResult(before, command.payload, { livemode: tenant.livemode }, new Date());
    const state = await commit(store, context, tenant, before, events);
    return { cardholder_id: state.id, stream_version: state.version };
  });
