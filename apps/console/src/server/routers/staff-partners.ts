import {
  CreatePartner,
  newId,
  noSpendControls,
  type PayloadOf,
  ReactivatePartner,
  SuspendPartner,
} from "@koban/contracts";
import { generateApiKey } from "@koban/partner";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createPartnerForm, suspensionForm } from "../../shared/forms.ts";
import { ensureOrganization } from "../members.ts";
import { sendAudited } from "../send-command.ts";
import { found, router, staffProcedure } from "../trpc.ts";

const mode = z.enum(["test", "live"]).default("live");
const partnerId = z.string().min(1).max(64);

/** Every partner, with its programs in the mode shown. */
const list = staffProcedure(["partner", "manage"])
  .input(z.object({ mode }))
  .query(({ ctx, input }) => ctx.query.staff.partners.query({ livemode: input.mode === "live" }));

/**
 * A partner with its first program and an API key in the same mode, in one command to `partner`.
 * The key's secret is answered this once; only its hash travels and nothing keeps it.
 */
const create = staffProcedure(["partner", "manage"])
  .input(createPartnerForm)
  .mutation(async ({ ctx, input }) => {
    const livemode = input.mode === "live";
    const key = generateApiKey(livemode);
    const parsed = CreatePartner.schema.safeParse({
      partner_id: newId("ptn"),
      name: input.name,
      api_key: {
        api_key_id: newId("key"),
        livemode,
        key_hash: key.hash,
        redacted_key: key.redacted,
        scopes: null,
      },
      program: {
        program_id: newId("prg"),
        livemode,
        name: input.programName,
        currency: input.currency,
        timezone: input.timezone,
        bin_prefix: input.binPrefix,
        pan_length: 16,
        default_spend_controls: noSpendControls,
        default_funding_source_id: null,
      },
    } satisfies PayloadOf<typeof CreatePartner>);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field =
        issue?.path.at(-1) === "timezone" ? "Time zone" : issue?.path.at(-1) === "currency" ? "Currency" : null;
      throw new TRPCError({ code: "BAD_REQUEST", message: `${field ?? "The form"}: ${issue?.message ?? "not valid"}` });
    }
    const payload = parsed.data;
    const tenant = { partnerId: payload.partner_id, livemode };
    await sendAudited(ctx, {
      definition: CreatePartner,
      payload,
      tenant,
      stream: { type: "partner", id: payload.partner_id },
      action: "partner.create",
      target: payload.partner_id,
      detail: { name: payload.name, program_id: payload.program?.program_id, api_key_id: payload.api_key?.api_key_id },
    });
    // The console's organisation for the partner, so its first members can be invited.
    await ensureOrganization(ctx.pool, { id: payload.partner_id, name: payload.name });
    return {
      id: payload.partner_id,
      mode: input.mode,
      programId: payload.program?.program_id ?? null,
      apiKey: key.key,
      redactedKey: key.redacted,
    };
  });

/** Stops the partner: the API refuses its keys with 403 partner_suspended until it is reactivated. */
const suspend = staffProcedure(["partner", "manage"])
  .input(suspensionForm.extend({ id: partnerId }))
  .mutation(async ({ ctx, input }) => {
    const partner = found(await ctx.query.staff.partner.query({ id: input.id }), "partner");
    // A partner is both its modes; its status changes are recorded under live.
    const tenant = { partnerId: partner.id, livemode: true };
    await sendAudited(ctx, {
      definition: SuspendPartner,
      payload: { partner_id: partner.id, reason: input.reason },
      tenant,
      stream: { type: "partner", id: partner.id },
      action: "partner.suspend",
      target: partner.id,
      detail: { reason: input.reason },
    });
    return { id: partner.id, status: "suspended" };
  });

const reactivate = staffProcedure(["partner", "manage"])
  .input(z.object({ id: partnerId }))
  .mutation(async ({ ctx, input }) => {
    const partner = found(await ctx.query.staff.partner.query({ id: input.id }), "partner");
    const tenant = { partnerId: partner.id, livemode: true };
    await sendAudited(ctx, {
      definition: ReactivatePartner,
      payload: { partner_id: partner.id },
      tenant,
      stream: { type: "partner", id: partner.id },
      action: "partner.reactivate",
      target: partner.id,
    });
    return { id: partner.id, status: "active" };
  });

export const staffPartnersRouter = router({ list, create, suspend, reactivate });
