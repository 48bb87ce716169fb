import type { EventDefinition, PayloadOf } from "@koban/contracts";
import { onEvent } from "@koban/messaging";
import { advance } from "./advance.ts";

/**
 * A projection that sets some columns of the row its event's stream names (the row's id is the
 * stream's), once per stream version. Table and column names come from this code, never input.
 */
export function setColumns<E extends EventDefinition>(
  table: "cardholders" | "cards" | "webhook_endpoints",
  definition: E,
  columns: (payload: PayloadOf<E>) => Record<string, unknown>,
) {
  return onEvent(definition, async (event, { tx }) => {
    if (!(await advance(tx, event)) || !event.stream) return;
    const values = Object.entries(columns(event.payload));
    const assignments = values.map(([column], i) => `${column} = $${i + 3}`).join(", ");
    await tx.query(`UPDATE query.${table} SET ${assignments}, version = $2 WHERE id = $1`, [
      event.stream.id,
      event.stream.version,
      ...values.map(([, value]) => value),
    ]);
  });
}
