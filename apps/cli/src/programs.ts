import {
  CreateProgram,
  idSchema,
  newId,
  noSpendControls,
  type PayloadOf,
  type SpendControls,
  type Tenant,
} from "@koban/contracts";
import { type Pool, transaction } from "@koban/db";
import { appendToOutbox, createCommand } from "@koban/messaging";
import { readAs } from "@koban/query";

export interface ProgramInput {
  livemode: boolean;
  name: string;
  currency: string;
  timezone: string;
  binPrefix: string;
  defaultSpendControls?: SpendControls;
}

/** What every sandbox partner starts with: yen, Tokyo time, a test BIN no real card has. */
export const testProgram: ProgramInput = {
  livemode: false,
  name: "Test program",
  currency: "JPY",
  timezone: "Asia/Tokyo",
  binPrefix: "42424242",
};

/** The program's part of a command; throws a message naming the first bad field. */
export function programPayload(input: ProgramInput): PayloadOf<typeof CreateProgram> {
  const parsed = CreateProgram.schema.safeParse({
    program_id: newId("prg"),
    livemode: input.livemode,
    name: input.name,
    currency: input.currency,
    timezone: input.timezone,
    bin_prefix: input.binPrefix,
    pan_length: 16,
    default_spend_controls: input.defaultSpendControls ?? noSpendControls,
    default_funding_source_id: null,
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`Invalid ${issue?.path.join(".") ?? "program"}: ${issue?.message ?? "not valid"}`);
}

/** Sends `partner` a CreateProgram through the facade's outbox, like any other write; the workers apply it. */
export async function sendCreateProgram(pool: Pool, partnerId: string, input: ProgramInput): Promise<string> {
  if (!idSchema("ptn").safeParse(partnerId).success) throw new Error(`Invalid partner: ${partnerId} is not a ptn_ id`);
  const payload = programPayload(input);
  const tenant: Tenant = { partnerId, livemode: input.livemode };
  const command = createCommand(CreateProgram, payload, { source: "cli", tenant });
  await transaction(pool, (tx) => appendToOutbox(tx, "api", [command]));
  return payload.program_id;
}

/**
 * Creates a program and waits until the query side shows it. A refusal (an unknown partner,
 * say) goes to no one, as the CLI has no reply queue: a program that never appears is the sign.
 */
export async function createProgram(pool: Pool, partnerId: string, input: ProgramInput, waitMs = 10_000) {
  const programId = await sendCreateProgram(pool, partnerId, input);
  const tenant: Tenant = { partnerId, livemode: input.livemode };
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const { rowCount } = await readAs(pool, { tenant }, (db) =>
      db.query("SELECT 1 FROM query.programs WHERE id = $1", [programId]),
    );
    if (rowCount) return { program_id: programId };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `Program ${programId} did not appear within ${waitMs} ms: is ${partnerId} a partner, and are the workers running?`,
  );
}
