import {
  type ActivateCard,
  type CloseCard,
  cardStatuses,
  cardTypes,
  type FreezeCard,
  type IssueCard,
  idSchema,
  noSpendControls,
  type ReplaceCard,
  type SpendControls,
  spendControls,
  type Tenant,
  type UnfreezeCard,
  UpdateCardSpendControls,
} from "@koban/contracts";
import { consistencyToken } from "@koban/query";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { CommandOutcome } from "../http/commands.ts";
import { Problem } from "../http/problem.ts";
import { type ApiDeps, found, listPage, type Route, readAfterWrite, type WriteOutcome } from "../http/route.ts";
import { parseInput } from "../http/validation.ts";

const controls = spendControls.shape;

/** Replaced whole: what is left out is no limit (or no restriction). */
export const spendControlsInput = z
  .strictObject({
    amount_limits: controls.amount_limits.strict().partial().optional(),
    count_limits: controls.count_limits.strict().partial().optional(),
    allowed_mccs: controls.allowed_mccs.optional(),
    blocked_mccs: controls.blocked_mccs.optional(),
    allowed_countries: controls.allowed_countries.optional(),
    blocked_countries: controls.blocked_countries.optional(),
  })
  .transform(
    (input): SpendControls => ({
      ...noSpendControls,
      ...input,
      amount_limits: { ...noSpendControls.amount_limits, ...input.amount_limits },
      count_limits: { ...noSpendControls.count_limits, ...input.count_limits },
    }),
  );

const updateBody = z.strictObject({ spend_controls: spendControlsInput });

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: idSchema("card").optional(),
  status: z.enum(cardStatuses).optional(),
  type: z.enum(cardTypes).optional(),
  cardholder_id: idSchema("ch").optional(),
  created_gte: z.iso.datetime({ offset: true }).optional(),
  created_lt: z.iso.datetime({ offset: true }).optional(),
});

/** The `:id` of the path; one that cannot be a card id is as unknown as any other. */
export function cardIdParam(request: FastifyRequest): string {
  const { id } = request.params as { id: string };
  if (!idSchema("card").safeParse(id).success)
    throw new Problem(404, "resource_not_found", `No such card: ${id}.`, "id");
  return id;
}

export type CardCommand =
  | typeof IssueCard
  | typeof ReplaceCard
  | typeof ActivateCard
  | typeof FreezeCard
  | typeof UnfreezeCard
  | typeof CloseCard
  | typeof UpdateCardSpendControls;

/**
 * What a card write answers once `card` accepted it: the card as the query side renders it when
 * the read model has every card the command changed (a replacement also changes its original),
 * else the operation to poll (202).
 */
export async function cardWritten(
  deps: ApiDeps,
  tenant: Tenant,
  outcome: CommandOutcome<CardCommand>,
  status: "created" | "updated",
): Promise<WriteOutcome> {
  if (outcome.status !== "accepted") return outcome;
  const { card_id: id, stream_version, other_cards } = outcome.result;
  const others = other_cards.map((card) => ({ streamId: card.card_id, version: card.stream_version }));
  const consistency = consistencyToken(id, stream_version, ...others);
  const card = await readAfterWrite(() => deps.query.cards.get.query({ tenant, id, consistency }));
  return card
    ? { status, body: card, consistency }
    : { status: "pending", operationId: outcome.operationId, consistency };
}

export const updateCard: Route = {
  method: "PATCH",
  url: "/v1/cards/:id",
  scope: "cards:write",
  async handle({ request, caller, deps, write }) {
    const id = cardIdParam(request);
    const body = parseInput(updateBody, request.body);
    return write(async () => {
      const outcome = await deps.commands.send(
        UpdateCardSpendControls,
        { card_id: id, spend_controls: body.spend_controls },
        caller.tenant,
        { type: "card", id },
      );
      return cardWritten(deps, caller.tenant, outcome, "updated");
    });
  },
};

export const getCard: Route = {
  method: "GET",
  url: "/v1/cards/:id",
  scope: "cards:read",
  async handle({ request, caller, deps, consistency }) {
    const id = cardIdParam(request);
    const card = await deps.query.cards.get.query({ tenant: caller.tenant, id, consistency });
    return { status: 200, body: found(card, "card", id) };
  },
};

export const listCards: Route = {
  method: "GET",
  url: "/v1/cards",
  scope: "cards:read",
  async handle({ request, caller, deps, consistency }) {
    const query = parseInput(listQuery, request.query);
    const page = await deps.query.cards.list.query({
      tenant: caller.tenant,
      limit: query.limit,
      startingAfter: query.starting_after,
      status: query.status,
      type: query.type,
      cardholderId: query.cardholder_id,
      createdGte: query.created_gte,
      createdLt: query.created_lt,
      consistency,
    });
    return listPage(page);
  },
};
