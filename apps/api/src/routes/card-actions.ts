import { ActivateCard, CloseCard, cardCloseReasons, FreezeCard, type PayloadOf, UnfreezeCard } from "@koban/contracts";
import { z } from "zod";
import type { Route } from "../http/route.ts";
import { parseInput } from "../http/validation.ts";
import { type CardCommand, cardIdParam, cardWritten } from "./cards.ts";

/** No body, or an empty object. */
const nothing = z.strictObject({}).optional();
const closeBody = z.strictObject({ reason: z.enum(cardCloseReasons) });

/** `POST /v1/cards/{id}/<action>`: one lifecycle command; asking for the status a card has changes nothing. */
function cardAction<C extends CardCommand, B extends z.ZodType>(
  action: string,
  definition: C,
  body: B,
  payload: (id: string, input: z.infer<B>) => PayloadOf<C>,
): Route {
  return {
    method: "POST",
    url: `/v1/cards/:id/${action}`,
    scope: "cards:write",
    async handle({ request, caller, deps, write }) {
      const id = cardIdParam(request);
      const input = parseInput(body, request.body);
      return write(async () => {
        const outcome = await deps.commands.send(definition, payload(id, input), caller.tenant, { type: "card", id });
        return cardWritten(deps, caller.tenant, outcome, "updated");
      });
    },
  };
}

export const activateCard = cardAction("activate", ActivateCard, nothing, (card_id) => ({ card_id }));
export const freezeCard = cardAction("freeze", FreezeCard, nothing, (card_id) => ({ card_id }));
export const unfreezeCard = cardAction("unfreeze", UnfreezeCard, nothing, (card_id) => ({ card_id }));
export const closeCard = cardAction("close", CloseCard, closeBody, (card_id, { reason }) => ({ card_id, reason }));
