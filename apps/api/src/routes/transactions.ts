import { idSchema, transactionTypes } from "@koban/contracts";
import { z } from "zod";
import { Problem } from "../http/problem.ts";
import { found, listPage, type Route } from "../http/route.ts";
import { parseInput } from "../http/validation.ts";

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: idSchema("txn").optional(),
  card_id: idSchema("card").optional(),
  cardholder_id: idSchema("ch").optional(),
  authorization_id: idSchema("auth").optional(),
  type: z.enum(transactionTypes).optional(),
  created_gte: z.iso.datetime({ offset: true }).optional(),
  created_lt: z.iso.datetime({ offset: true }).optional(),
});

export const listTransactions: Route = {
  method: "GET",
  url: "/v1/transactions",
  scope: "authorizations:read",
  async handle({ request, caller, deps, consistency }) {
    const query = parseInput(listQuery, request.query);
    const page = await deps.query.transactions.list.query({
      tenant: caller.tenant,
      limit: query.limit,
      startingAfter: query.starting_after,
      cardId: query.card_id,
      cardholderId: query.cardholder_id,
      authorizationId: query.authorization_id,
      type: query.type,
      createdGte: query.created_gte,
      createdLt: query.created_lt,
      consistency,
    });
    return listPage(page);
  },
};

export const getTransaction: Route = {
  method: "GET",
  url: "/v1/transactions/:id",
  scope: "authorizations:read",
  async handle({ request, caller, deps, consistency }) {
    const { id } = request.params as { id: string };
    if (!idSchema("txn").safeParse(id).success) {
      throw new Problem(404, "resource_not_found", `No such transaction: ${id}.`, "id");
    }
    const transaction = await deps.query.transactions.get.query({ tenant: caller.tenant, id, consistency });
    return { status: 200, body: found(transaction, "transaction", id) };
  },
};
