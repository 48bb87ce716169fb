import { ProgramCreated } from "@koban/contracts";
import { onEvent } from "@koban/messaging";
import type { CardholderStore } from "./cardholder-store.ts";
import { tenantOf } from "./commit.ts";

/** `cardholder`'s copy of `partner`'s programs: the calendar a cardholder's limits count days and months in. */
export const copyCreatedProgram = (store: CardholderStore) =>
  onEvent(ProgramCreated, async (event, { tx }) => {
    await store.copyProgram(tx, tenantOf(event), { id: event.payload.program_id, timezone: event.payload.timezone });
  });
