import { idSchema, newId, RecordDeposit, type Tenant } from "@koban/contracts";
import { type Pool, transaction } from "@koban/db";
import { appendToOutbox, createCommand } from "@koban/messaging";
import { readAs } from "@koban/query";

export interface DepositInput {
  partnerId: string;
  programId: string;
  livemode: boolean;
  /** In the program currency's minor unit. */
  amount: number;
  description: string | null;
}

/**
 * Records money that reached a partner's program (a bank transfer staff have seen arrive), as
 * staff do in live mode, and waits until the read side shows it. The program's currency is the
 * deposit's. A refusal goes to no one (the CLI has no reply queue): a deposit that never appears
 * is the sign.
 */
export async function recordDeposit(pool: Pool, input: DepositInput, waitMs = 10_000) {
  for (const [id, prefix] of [
    [input.partnerId, "ptn"],
    [input.programId, "prg"],
  ] as const) {
    if (!idSchema(prefix).safeParse(id).success) throw new Error(`Invalid id: ${id} is not a ${prefix}_ id`);
  }
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
    throw new Error(`Invalid amount: ${input.amount} (a positive integer in the currency's minor unit)`);
  }
  const tenant: Tenant = { partnerId: input.partnerId, livemode: input.livemode };
  const program = await readAs(pool, { tenant }, (db) =>
    // The CLI connects as the tables' owner, whom row-level security does not bind: the tenant is named here.
    db.query<{ currency: string }>(
      "SELECT currency FROM query.programs WHERE id = $1 AND partner_id = $2 AND livemode = $3",
      [input.programId, input.partnerId, input.livemode],
    ),
  );
  const currency = program.rows[0]?.currency;
  if (!currency)
    throw new Error(`No program ${input.programId} of ${input.partnerId} in ${input.livemode ? "live" : "test"} mode`);
  const depositId = newId("dep");
  const command = createCommand(
    RecordDeposit,
    {
      deposit_id: depositId,
      program_id: input.programId,
      amount: input.amount,
      currency,
      description: input.description,
    },
    { source: "cli", tenant },
  );
  await transaction(pool, (tx) => appendToOutbox(tx, "api", [command]));
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const { rowCount } = await readAs(pool, { tenant }, (db) =>
      db.query("SELECT 1 FROM query.deposits WHERE id = $1", [depositId]),
    );
    if (rowCount) return { deposit_id: depositId, program_id: input.programId, amount: input.amount, currency };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Deposit ${depositId} did not appear within ${waitMs} ms: are the workers running?`);
}
