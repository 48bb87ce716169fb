import { newId, noSpendControls, type PayloadOf, RegisterCardholder, type Tenant } from "@koban/contracts";
import { type Pool, transaction } from "@koban/db";
import { appendToOutbox, createCommand } from "@koban/messaging";
import { liveApplicant } from "./cast.ts";

/**
 * Registers the demo partner's live-mode applicant, with no KYC of the partner's, so the staff KYC
 * queue has someone waiting. The partner has no live key (live keys are for a real partner), so,
 * like the CLI's other writes, the command goes to `cardholder` through the facade's outbox. Once:
 * an earlier run's command, applied or not, is found there.
 */
export async function registerLiveApplicant(pool: Pool, partnerId: string): Promise<void> {
  const { rowCount } = await pool.query(
    `SELECT 1 FROM api.outbox
     WHERE envelope->>'type' = $1 AND envelope->'tenant'->>'partnerId' = $2
       AND envelope->'payload'->'metadata'->>'koban_demo' = $3`,
    [RegisterCardholder.type, partnerId, liveApplicant.key],
  );
  if (rowCount) return;
  const tenant: Tenant = { partnerId, livemode: true };
  const cardholderId = newId("ch");
  const payload: PayloadOf<typeof RegisterCardholder> = {
    cardholder_id: cardholderId,
    type: "individual",
    business_id: null,
    individual: liveApplicant.individual,
    business: null,
    email: liveApplicant.email,
    phone_number: null,
    address: null,
    metadata: { koban_demo: liveApplicant.key },
    spend_controls: noSpendControls,
    kyc: null,
  };
  const command = createCommand(RegisterCardholder, payload, { source: "cli", tenant });
  await transaction(pool, (tx) => appendToOutbox(tx, "api", [command]));
}
