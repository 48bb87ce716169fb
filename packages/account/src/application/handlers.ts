import {
  type Envelope,
  PlaceHold,
  PostHold,
  ProgramCreated,
  RecordDeposit,
  type Tenant,
  TransferFunds,
  VoidHold,
} from "@koban/contracts";
import { onCommand, onEvent, PermanentError } from "@koban/messaging";
import type { LedgerStore } from "./ledger-store.ts";
import { openProgramFunding, placeHold, recordDeposit, resolveHold, transferFunds } from "./operations.ts";

export function tenantOf(message: Envelope): Tenant {
  if (!message.tenant) throw new PermanentError(`${message.type} needs a tenant`);
  return message.tenant;
}

/** A new program gets its funding account; `account` keeps the program's currency and that account. */
export const openFundingOnProgramCreated = (store: LedgerStore) =>
  onEvent(ProgramCreated, (event, context) =>
    openProgramFunding(
      store,
      context.tx,
      tenantOf(event),
      { id: event.payload.program_id, currency: event.payload.currency },
      context.emit,
      new Date(),
    ),
  );

export const recordDepositHandler = (store: LedgerStore) =>
  onCommand(RecordDeposit, (command, context) =>
    recordDeposit(store, context.tx, tenantOf(command), command.payload, context.emit, new Date()),
  );

export const transferFundsHandler = (store: LedgerStore) =>
  onCommand(TransferFunds, (command, context) =>
    transferFunds(store, context.tx, tenantOf(command), command.payload, context.emit, new Date()),
  );

export const placeHoldHandler = (store: LedgerStore) =>
  onCommand(PlaceHold, (command, context) =>
    placeHold(store, context.tx, tenantOf(command), command.payload, context.emit, new Date(), command.correlationId),
  );

export const postHoldHandler = (store: LedgerStore) =>
  onCommand(PostHold, (command, context) =>
    resolveHold(
      store,
      context.tx,
      tenantOf(command),
      {
        type: "post_pending",
        holdId: command.payload.hold_id,
        transferId: command.payload.transfer_id,
        ...(command.payload.amount !== undefined ? { amount: command.payload.amount } : {}),
      },
      context.emit,
      new Date(),
    ),
  );

export const voidHoldHandler = (store: LedgerStore) =>
  onCommand(VoidHold, (command, context) =>
    resolveHold(
      store,
      context.tx,
      tenantOf(command),
      { type: "void_pending", holdId: command.payload.hold_id, transferId: command.payload.transfer_id },
      context.emit,
      new Date(),
    ),
  );
