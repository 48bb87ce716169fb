import {
  LiftCardComplianceHold,
  LiftCardholderComplianceHold,
  PlaceCardComplianceHold,
  PlaceCardholderComplianceHold,
} from "@koban/contracts";
import { z } from "zod";
import { suspensionForm } from "../../shared/forms.ts";
import { sendAudited } from "../send-command.ts";
import { found, router, staffProcedure } from "../trpc.ts";

const mode = z.enum(["test", "live"]).default("live");
const id = z.string().min(1).max(64);

/** Cardholders of every partner whose id is the text or whose name contains it, or who are held, in one mode. */
const searchCardholders = staffProcedure(["cardholder", "read"])
  .input(
    z
      .object({ mode, text: z.string().trim().min(1).max(100).optional(), held: z.boolean().default(false) })
      .refine((input) => input.text !== undefined || input.held, "Search by text, by hold, or both."),
  )
  .query(({ ctx, input }) =>
    ctx.query.staff.searchCardholders.query({ livemode: input.mode === "live", text: input.text, held: input.held }),
  );

const cardholderCards = staffProcedure(["card", "read"])
  .input(z.object({ mode, cardholderId: id }))
  .query(async ({ ctx, input }) => {
    const livemode = input.mode === "live";
    found(await ctx.query.staff.cardholder.query({ livemode, id: input.cardholderId }), "cardholder");
    return ctx.query.staff.cardholderCards.query({ livemode, cardholderId: input.cardholderId });
  });

const cardholderHold = (definition: typeof PlaceCardholderComplianceHold | typeof LiftCardholderComplianceHold) =>
  staffProcedure(["compliance", "suspend"])
    .input(suspensionForm.extend({ mode, cardholderId: id }))
    .mutation(async ({ ctx, input }) => {
      const livemode = input.mode === "live";
      const cardholder = found(
        await ctx.query.staff.cardholder.query({ livemode, id: input.cardholderId }),
        "cardholder",
      );
      const placing = definition.type === PlaceCardholderComplianceHold.type;
      // The staff member's id travels with the command, for cardholder's own record.
      await sendAudited(ctx, {
        definition,
        payload: { cardholder_id: cardholder.id, reason: input.reason, staff_id: ctx.user.id },
        tenant: { partnerId: cardholder.partnerId, livemode },
        stream: { type: "cardholder", id: cardholder.id },
        action: placing ? "compliance.hold_cardholder" : "compliance.lift_cardholder_hold",
        target: cardholder.id,
        detail: { reason: input.reason },
      });
      return { cardholderId: cardholder.id, held: placing };
    });

const cardHold = (definition: typeof PlaceCardComplianceHold | typeof LiftCardComplianceHold) =>
  staffProcedure(["compliance", "suspend"])
    .input(suspensionForm.extend({ mode, cardId: id }))
    .mutation(async ({ ctx, input }) => {
      const livemode = input.mode === "live";
      const card = found(await ctx.query.staff.card.query({ livemode, id: input.cardId }), "card");
      const placing = definition.type === PlaceCardComplianceHold.type;
      await sendAudited(ctx, {
        definition,
        payload: { card_id: card.id, reason: input.reason, staff_id: ctx.user.id },
        tenant: { partnerId: card.partnerId, livemode },
        stream: { type: "card", id: card.id },
        action: placing ? "compliance.hold_card" : "compliance.lift_card_hold",
        target: card.id,
        detail: { reason: input.reason },
      });
      return { cardId: card.id, held: placing };
    });

/**
 * Compliance holds: every card of a held cardholder, or one held card, declines until staff lift
 * the hold, and the partner cannot undo it (its reactivate, activate and unfreeze answer 409
 * compliance_hold). Lifting leaves the status the partner gave.
 */
const holdCardholder = cardholderHold(PlaceCardholderComplianceHold);
const liftCardholderHold = cardholderHold(LiftCardholderComplianceHold);
const holdCard = cardHold(PlaceCardComplianceHold);
const liftCardHold = cardHold(LiftCardComplianceHold);

export const staffComplianceRouter = router({
  searchCardholders,
  cardholderCards,
  holdCardholder,
  liftCardholderHold,
  holdCard,
  liftCardHold,
});
