import { idSchema } from "@koban/contracts";
import { z } from "zod";
import { Problem } from "../http/problem.ts";
import { found, listPage, type Route } from "../http/route.ts";
import { parseInput } from "../http/validation.ts";

export const authorizationStatuses = ["requested", "pending", "declined", "closed", "reversed", "expired"] as const;

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: idSchema("auth").optional(),
  card_id: idSchema("card").optional(),
  cardholder_id: idSchema("ch").optional(),
  status: z.enum(authorizationStatuses).optional(),
  created_gte: z.iso.datetime({ offset: true }).optional(),
  created_lt: z.iso.datetime({ offset: true }).optional(),
});

export const listAuthorizations: Route = {
  method: "GET",
  url: "/v1/authorizations",
  scope: "authorizations:read",
  async handle({ request, caller, deps, consistency }) {
    const query = parseInput(listQuery, request.query);
    const page = await deps.query.authorizations.list.query({
      tenant: caller.tenant,
      limit: query.limit,
      startingAfter: query.starting_after,
      cardId: query.card_id,
      cardholderId: query.cardholder_id,
      status: query.status,
      createdGte: query.created_gte,
      createdLt: query.created_lt,
      consistency,
    });
    return listPage(page);
  },
};

export const getAuthorization: Route = {
  method: "GET",
  url: "/v1/authorizations/:id",
  scope: "authorizations:read",
  async handle({ request, caller, deps, consistency }) {
    const { id } = request.params as { id: string };
    if (!idSchema("auth").safeParse(id).success) {
      throw new Problem(404, "resource_not_found", `No such authorization: ${id}.`, "id");
    }
    const authorization = await deps.query.authorizations.get.query({ tenant: caller.tenant, id, consistency });
    return { status: 200, body: found(authorization, "authorization", id) };
  },
};
