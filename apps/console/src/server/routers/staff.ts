import { RecordKycResult } from "@koban/contracts";
import { listDeadLetters, readCorrelation, replayDeadLetter } from "@koban/messaging";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { kycDecisionForm } from "../../shared/forms.ts";
import { sendAudited } from "../send-command.ts";
import { found, router, staffProcedure } from "../trpc.ts";

const mode = z.enum(["test", "live"]).default("live");

/** Cardholders whose KYC waits for compliance, across partners, in one mode. */
const kycQueue = staffProcedure(["kyc", "review"])
  .input(z.object({ mode }))
  .query(({ ctx, input }) => ctx.query.staff.kycQueue.query({ livemode: input.mode === "live", limit: 50 }));

const kycResultOf = { approve: "verified", reject: "rejected", request_documents: "needs_review" } as const;

/** Approve, reject (with a reason) or ask for documents: one command to `cardholder`, in the cardholder's own tenant. */
const decideKyc = staffProcedure(["kyc", "review"])
  .input(z.object({ mode, cardholderId: z.string().min(1).max(64), decision: kycDecisionForm }))
  .mutation(async ({ ctx, input }) => {
    const livemode = input.mode === "live";
    const cardholder = found(
      await ctx.query.staff.cardholder.query({ livemode, id: input.cardholderId }),
      "cardholder",
    );
    const tenant = { partnerId: cardholder.partnerId, livemode };
    const reason = "reason" in input.decision ? input.decision.reason : null;
    await sendAudited(ctx, {
      definition: RecordKycResult,
      payload: { cardholder_id: cardholder.id, status: kycResultOf[input.decision.decision], reason, source: "staff" },
      tenant,
      stream: { type: "cardholder", id: cardholder.id },
      action: `kyc.${input.decision.decision}`,
      target: cardholder.id,
      detail: reason ? { reason } : {},
    });
    return { cardholderId: cardholder.id, status: kycResultOf[input.decision.decision] };
  });

/** Messages a consumer gave up on, newest first (only those not yet replayed). */
const deadLetters = staffProcedure(["operations", "read"]).query(async ({ ctx }) => {
  const letters = await listDeadLetters(ctx.pool, { limit: 100 });
  return letters.map((letter) => ({ ...letter, id: String(letter.id), failed_at: letter.failed_at.toISOString() }));
});

/** Sends a dead letter to its consumer again; its inbox makes a replay of something already applied a no-op. */
const replay = staffProcedure(["operations", "replay"])
  .input(z.object({ id: z.string().regex(/^\d+$/) }))
  .mutation(async ({ ctx, input }) => {
    const replayed = await replayDeadLetter(ctx.pool, Number(input.id));
    await ctx.audit({ action: "dead_letter.replay", target: input.id, outcome: replayed ? "succeeded" : "failed" });
    if (!replayed)
      throw new TRPCError({ code: "NOT_FOUND", message: "No such dead letter, or it was replayed already." });
    return { id: input.id };
  });

/** Every event of one saga, across contexts, in the order recorded. */
const saga = staffProcedure(["operations", "read"])
  .input(z.object({ correlationId: z.string().trim().min(1).max(100) }))
  .query(async ({ ctx, input }) => {
    const events = await readCorrelation(ctx.pool, input.correlationId);
    return events.map(({ position, envelope }) => ({
      position: String(position),
      type: envelope.type,
      source: envelope.source,
      occurredAt: envelope.occurredAt,
      stream: envelope.stream?.id ?? null,
      partnerId: envelope.tenant?.partnerId ?? null,
      livemode: envelope.tenant?.livemode ?? null,
      payload: envelope.payload,
    }));
  });

export const staffRouter = router({ kycQueue, decideKyc, deadLetters, replay, saga });
