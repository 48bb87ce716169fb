import { ProgramCreated } from "@koban/contracts";
import { onEvent } from "@koban/messaging";
import type { CardStore } from "./card-store.ts";
import { tenantOf } from "./commit.ts";

/** `card`'s copy of `partner`'s programs: what issuing a number on one needs. */
export const copyCreatedProgram = (store: CardStore) =>
  onEvent(ProgramCreated, async (event, { tx }) => {
    const p = event.payload;
    await store.copyProgram(tx, tenantOf(event), {
      id: p.program_id,
      binPrefix: p.bin_prefix,
      panLength: p.pan_length,
      timezone: p.timezone,
      defaultSpendControls: p.default_spend_controls,
    });
  });
