import {
  ActivateCard,
  CloseCard,
  FreezeCard,
  IssueCard,
  newId,
  noSpendControls,
  ReplaceCard,
  spendControlsProblem,
  type Tenant,
  UnfreezeCard,
  UpdateCardSpendControls,
} from "@koban/contracts";
import { consistencyToken } from "@koban/query";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { closeReasons, issueCardForm, replaceReasons, spendControlsForm } from "../../shared/forms.ts";
import { type AuditedCommand, type CommandContext, sendAudited } from "../send-command.ts";
import { type ConsoleDeps, found, partnerProcedure, router } from "../trpc.ts";

type CardCommand =
  | typeof IssueCard
  | typeof ReplaceCard
  | typeof ActivateCard
  | typeof FreezeCard
  | typeof UnfreezeCard
  | typeof CloseCard
  | typeof UpdateCardSpendControls;

/**
 * Sends one card command, audits it, and answers the card as the read model has it once it has
 * the write (or `pending: true` if the read model is slower than the wait).
 */
async function sendCardCommand<C extends CardCommand>(
  ctx: CommandContext & Pick<ConsoleDeps, "query"> & { tenant: Tenant },
  command: Pick<AuditedCommand<C>, "definition" | "payload" | "action" | "target" | "succeeded">,
) {
  const { tenant } = ctx;
  const outcome = await sendAudited(ctx, { ...command, tenant, stream: { type: "card", id: command.target } });
  if (outcome.status === "pending") return { card: null, pending: true as const };
  const { card_id: id, stream_version, other_cards } = outcome.result;
  const others = other_cards.map((card) => ({ streamId: card.card_id, version: card.stream_version }));
  const consistency = consistencyToken(id, stream_version, ...others);
  try {
    return { card: await ctx.query.cards.get.query({ tenant, id, consistency }), pending: false as const };
  } catch {
    return { card: null, pending: true as const };
  }
}

/** The card must be visible to the tenant before anything is sent: another partner's id is a 404, with no command. */
async function visibleCard(deps: ConsoleDeps, tenant: Tenant, id: string) {
  return found(await deps.query.cards.get.query({ tenant, id }), "card");
}

const cardId = z.object({ id: z.string().min(1).max(64) });

const list = partnerProcedure(["card", "read"])
  .input(
    z.object({
      limit: z.number().int().min(1).max(100).default(25),
      startingAfter: z.string().max(64).optional(),
      status: z.enum(["inactive", "active", "frozen", "closed"]).optional(),
      cardholderId: z.string().max(64).optional(),
    }),
  )
  .query(({ ctx, input }) =>
    ctx.query.cards.list.query({
      tenant: ctx.tenant,
      limit: input.limit,
      startingAfter: input.startingAfter,
      status: input.status,
      cardholderId: input.cardholderId,
    }),
  );

const get = partnerProcedure(["card", "read"])
  .input(cardId)
  .query(async ({ ctx, input }) => visibleCard(ctx, ctx.tenant, input.id));

/** The tenant's one program, else the caller must name one (the console offers the list). */
async function programOf(deps: ConsoleDeps, tenant: Tenant, given: string | undefined): Promise<string> {
  if (given) return given;
  const programs = await deps.query.programs.list.query({ tenant, limit: 2 });
  const only = programs.data.length === 1 ? programs.data[0] : undefined;
  if (!only) throw new TRPCError({ code: "BAD_REQUEST", message: "Choose a program." });
  return only.id;
}

const issue = partnerProcedure(["card", "issue"])
  .input(issueCardForm.extend({ programId: z.string().max(64).optional() }))
  .mutation(async ({ ctx, input }) => {
    const cardholder = found(
      await ctx.query.cardholders.get.query({ tenant: ctx.tenant, id: input.cardholderId }),
      "cardholder",
    );
    const programId = await programOf(ctx, ctx.tenant, input.programId);
    const id = newId("card");
    return sendCardCommand(ctx, {
      action: "card.issue",
      definition: IssueCard,
      payload: {
        card_id: id,
        cardholder_id: cardholder.id,
        program_id: programId,
        type: input.type,
        funding_source_id: null,
        facts_seen: { cardholder: true, program: true },
      },
      target: id,
    });
  });

function lifecycle(action: string, definition: typeof ActivateCard | typeof FreezeCard | typeof UnfreezeCard) {
  return partnerProcedure(["card", "act"])
    .input(cardId)
    .mutation(async ({ ctx, input }) => {
      await visibleCard(ctx, ctx.tenant, input.id);
      return sendCardCommand(ctx, { action, definition, payload: { card_id: input.id }, target: input.id });
    });
}

const close = partnerProcedure(["card", "act"])
  .input(cardId.extend({ reason: z.enum(closeReasons) }))
  .mutation(async ({ ctx, input }) => {
    await visibleCard(ctx, ctx.tenant, input.id);
    const payload = { card_id: input.id, reason: input.reason };
    return sendCardCommand(ctx, { action: "card.close", definition: CloseCard, payload, target: input.id });
  });

const replace = partnerProcedure(["card", "issue"])
  .input(cardId.extend({ reason: z.enum(replaceReasons) }))
  .mutation(async ({ ctx, input }) => {
    await visibleCard(ctx, ctx.tenant, input.id);
    const payload = { card_id: input.id, replacement_card_id: newId("card"), reason: input.reason };
    return sendCardCommand(ctx, {
      action: "card.replace",
      definition: ReplaceCard,
      payload,
      target: input.id,
      // The new card is what the replacement made; the old one is where it came from.
      succeeded: { target: payload.replacement_card_id, detail: { from: input.id } },
    });
  });

const updateSpendControls = partnerProcedure(["card", "act"])
  .input(cardId.extend({ controls: spendControlsForm }))
  .mutation(async ({ ctx, input }) => {
    const card = await visibleCard(ctx, ctx.tenant, input.id);
    const current = card.spend_controls ?? noSpendControls;
    const controls = {
      ...current,
      amount_limits: {
        ...current.amount_limits,
        per_authorization: input.controls.per_authorization,
        daily: input.controls.daily,
        monthly: input.controls.monthly,
      },
      blocked_mccs: input.controls.blocked_mccs,
      allowed_mccs: input.controls.blocked_mccs.length > 0 ? [] : current.allowed_mccs,
    };
    const problem = spendControlsProblem(controls);
    if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: problem.message });
    const payload = { card_id: input.id, spend_controls: controls };
    return sendCardCommand(ctx, {
      action: "card.spend_controls",
      definition: UpdateCardSpendControls,
      payload,
      target: input.id,
    });
  });

export const cardsRouter = router({
  list,
  get,
  issue,
  activate: lifecycle("card.activate", ActivateCard),
  freeze: lifecycle("card.freeze", FreezeCard),
  unfreeze: lifecycle("card.unfreeze", UnfreezeCard),
  close,
  replace,
  updateSpendControls,
});
