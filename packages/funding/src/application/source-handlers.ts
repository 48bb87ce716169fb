import {
  CardIssued,
  CreateFundingSource,
  DomainError,
  FundingSourceCreated,
  FundingSourceUpdated,
  ProgramCreated,
  type Tenant,
  UpdateFundingSource,
} from "@koban/contracts";
import { onCommand, onEvent } from "@koban/messaging";
import { checkShape, decideUpdate, existing } from "../domain/funding-source.ts";
import type { FundingStore, SecretVault } from "./ports.ts";

function tenantOf(message: { tenant: Tenant | null }): Tenant {
  if (!message.tenant) throw new DomainError("invalid_request", "A funding source belongs to a tenant.");
  return message.tenant;
}

/** Makes the source and, for a gateway, its signing secret, which never leaves `funding` but sealed. */
export const createFundingSource = (store: FundingStore, vault: SecretVault) =>
  onCommand(CreateFundingSource, async (command, { tx, emit }) => {
    const tenant = tenantOf(command);
    const { funding_source_id: id, ...state } = command.payload;
    const already = await store.loadSourceForUpdate(tx, tenant, id);
    if (already) return { funding_source_id: id, stream_version: already.version };
    checkShape(state.type, state.jit_gateway);
    const now = new Date();
    await store.insertSource(
      tx,
      {
        id,
        partnerId: tenant.partnerId,
        livemode: tenant.livemode,
        type: state.type,
        description: state.description,
        gateway: state.jit_gateway,
        version: 1,
      },
      now.toISOString(),
    );
    if (state.type === "jit_gateway") await vault.create(tx, id, now);
    emit(FundingSourceCreated, { funding_source_id: id, ...state, created_at: now.toISOString() }, { id, version: 1 });
    return { funding_source_id: id, stream_version: 1 };
  });

export const updateFundingSource = (store: FundingStore) =>
  onCommand(UpdateFundingSource, async (command, { tx, emit }) => {
    const { funding_source_id: id, ...changes } = command.payload;
    const source = existing(await store.loadSourceForUpdate(tx, tenantOf(command), id), id);
    const updated = decideUpdate(source, changes, new Date());
    if (!updated) return { funding_source_id: id, stream_version: source.version };
    const after = {
      ...source,
      description: updated.description,
      gateway: updated.jit_gateway,
      version: source.version + 1,
    };
    await store.updateSource(tx, source, after);
    emit(FundingSourceUpdated, updated, { id, version: after.version });
    return { funding_source_id: id, stream_version: after.version };
  });

/** funding's copy of which source a card names (it is set at issue and never changes). */
export const copyCard = (store: FundingStore) =>
  onEvent(CardIssued, async (event, { tx }) => {
    if (!event.tenant) return;
    const p = event.payload;
    await store.recordCard(tx, {
      id: p.card_id,
      partnerId: event.tenant.partnerId,
      livemode: event.tenant.livemode,
      programId: p.program_id,
      cardholderId: p.cardholder_id,
      fundingSourceId: p.funding_source_id,
      last4: p.last4,
    });
  });

/** funding's copy of which source pays for a program's cards that name none. */
export const copyProgram = (store: FundingStore) =>
  onEvent(ProgramCreated, async (event, { tx }) => {
    const p = event.payload;
    await store.recordProgram(tx, {
      id: p.program_id,
      partnerId: p.partner_id,
      livemode: p.livemode,
      defaultFundingSourceId: p.default_funding_source_id,
    });
  });
