import {
  ApiKeyCreated,
  ApiKeyRevoked,
  ApiKeyRolled,
  CreateApiKey,
  CreatePartner,
  CreateProgram,
  PartnerCreated,
  PartnerReactivated,
  PartnerSuspended,
  ProgramCreated,
  ReactivatePartner,
  RevokeApiKey,
  RollApiKey,
  SuspendPartner,
} from "@koban/contracts";
import type { Queryable } from "@koban/db";
import { type HandlerContext, onCommand } from "@koban/messaging";
import {
  decideCreateApiKey,
  decideCreatePartner,
  decideReactivatePartner,
  decideRevokeApiKey,
  decideRollApiKey,
  decideSuspendPartner,
  evolve,
  type Partner,
  type PartnerEvent,
} from "../domain/partner.ts";
import { decideCreateProgram } from "../domain/program.ts";

/** What the handlers need from storage; the SQL lives in adapters/, which depends on this, not the reverse. */
export interface PartnerStore {
  loadForUpdate(db: Queryable, id: string): Promise<Partner | undefined>;
  programExists(db: Queryable, id: string): Promise<boolean>;
  save(db: Queryable, before: Partner | undefined, after: Partner, events: readonly PartnerEvent[]): Promise<void>;
}

/** Applies decided events: state in partner's tables, events to the outbox, same transaction. */
async function commit(
  store: PartnerStore,
  context: HandlerContext,
  before: Partner | undefined,
  events: PartnerEvent[],
): Promise<Partner> {
  let state = before;
  for (const event of events) {
    state = evolve(state, event);
    if (!state) throw new Error("partner event without a partner");
    const stream = { id: state.id, version: state.version };
    if (event.type === "PartnerCreated") {
      const { type: _, ...payload } = event;
      context.emit(PartnerCreated, payload, stream, null);
    } else if (event.type === "ApiKeyCreated") {
      const { type: _, ...payload } = event;
      context.emit(ApiKeyCreated, payload, stream, { partnerId: state.id, livemode: event.livemode });
    } else if (event.type === "ApiKeyRevoked") {
      const { type: _, ...payload } = event;
      context.emit(ApiKeyRevoked, payload, stream, tenantOfKey(state, event.api_key_id));
    } else if (event.type === "ApiKeyRolled") {
      const { type: _, ...payload } = event;
      context.emit(ApiKeyRolled, payload, stream, tenantOfKey(state, event.api_key_id));
    } else if (event.type === "PartnerSuspended") {
      const { type: _, ...payload } = event;
      context.emit(PartnerSuspended, payload, stream, null);
    } else if (event.type === "PartnerReactivated") {
      const { type: _, ...payload } = event;
      context.emit(PartnerReactivated, payload, stream, null);
    } else {
      const { type: _, ...payload } = event;
      const program = { id: event.program_id, version: 1 };
      context.emit(ProgramCreated, payload, program, { partnerId: state.id, livemode: event.livemode });
    }
  }
  if (!state) throw new Error("no partner after events");
  await store.save(context.tx, before, state, events);
  return state;
}

/** A key's events are in the tenant of the partner and the key's mode. */
function tenantOfKey(state: Partner, apiKeyId: string) {
  return { partnerId: state.id, livemode: state.apiKeys[apiKeyId]?.livemode ?? false };
}

export const createPartner = (store: PartnerStore) =>
  onCommand(CreatePartner, async (command, context) => {
    const before = await store.loadForUpdate(context.tx, command.payload.partner_id);
    const state = await commit(store, context, before, decideCreatePartner(before, command.payload, new Date()));
    return { partner_id: state.id };
  });

export const createApiKey = (store: PartnerStore) =>
  onCommand(CreateApiKey, async (command, context) => {
    const partnerId = command.tenant?.partnerId;
    const before = partnerId ? await store.loadForUpdate(context.tx, partnerId) : undefined;
    await commit(store, context, before, decideCreateApiKey(before, command.payload, new Date()));
    return { api_key_id: command.payload.api_key_id };
  });

export const createProgram = (store: PartnerStore) =>
  onCommand(CreateProgram, async (command, context) => {
    const partnerId = command.tenant?.partnerId;
    const partner = partnerId ? await store.loadForUpdate(context.tx, partnerId) : undefined;
    const exists = await store.programExists(context.tx, command.payload.program_id);
    await commit(store, context, partner, decideCreateProgram(partner, exists, command.payload, new Date()));
    return { program_id: command.payload.program_id };
  });

export const revokeApiKey = (store: PartnerStore) =>
  onCommand(RevokeApiKey, async (command, context) => {
    const partnerId = command.tenant?.partnerId;
    const before = partnerId ? await store.loadForUpdate(context.tx, partnerId) : undefined;
    await commit(store, context, before, decideRevokeApiKey(before, command.payload, new Date()));
    return { api_key_id: command.payload.api_key_id };
  });

export const rollApiKey = (store: PartnerStore) =>
  onCommand(RollApiKey, async (command, context) => {
    const partnerId = command.tenant?.partnerId;
    const before = partnerId ? await store.loadForUpdate(context.tx, partnerId) : undefined;
    await commit(store, context, before, decideRollApiKey(before, command.payload, new Date()));
    return { api_key_id: command.payload.new_api_key.api_key_id };
  });

export const suspendPartner = (store: PartnerStore) =>
  onCommand(SuspendPartner, async (command, context) => {
    const before = await store.loadForUpdate(context.tx, command.payload.partner_id);
    await commit(store, context, before, decideSuspendPartner(before, command.payload, new Date()));
    return { partner_id: command.payload.partner_id };
  });

export const reactivatePartner = (store: PartnerStore) =>
  onCommand(ReactivatePartner, async (command, context) => {
    const before = await store.loadForUpdate(context.tx, command.payload.partner_id);
    await commit(store, context, before, decideReactivatePartner(before, command.payload, new Date()));
    return { partner_id: command.payload.partner_id };
  });
