import { currencyCode, idSchema } from "@koban/contracts";
import { z } from "zod";
import { Problem } from "../http/problem.ts";
import { found, listPage, type Route } from "../http/route.ts";
import { parseInput } from "../http/validation.ts";

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: idSchema("stl").optional(),
  date: z.iso.date().optional(),
  currency: currencyCode.optional(),
});

export const listSettlements: Route = {
  method: "GET",
  url: "/v1/settlements",
  scope: "accounts:read",
  async handle({ request, caller, deps, consistency }) {
    const query = parseInput(listQuery, request.query);
    const page = await deps.query.settlements.list.query({
      tenant: caller.tenant,
      limit: query.limit,
      startingAfter: query.starting_after,
      date: query.date,
      currency: query.currency,
      consistency,
    });
    return listPage(page);
  },
};

function settlementId(id: string): string {
  if (!idSchema("stl").safeParse(id).success) {
    throw new Problem(404, "resource_not_found", `No such settlement: ${id}.`, "id");
  }
  return id;
}

export const getSettlement: Route = {
  method: "GET",
  url: "/v1/settlements/:id",
  scope: "accounts:read",
  async handle({ request, caller, deps, consistency }) {
    const id = settlementId((request.params as { id: string }).id);
    const settlement = await deps.query.settlements.get.query({ tenant: caller.tenant, id, consistency });
    return { status: 200, body: found(settlement, "settlement", id) };
  },
};

/** The settlement's transactions as CSV, one row each, for accounting. */
export const exportSettlement: Route = {
  method: "GET",
  url: "/v1/settlements/:id/csv",
  scope: "accounts:read",
  async handle({ request, caller, deps }) {
    const id = settlementId((request.params as { id: string }).id);
    found(await deps.query.settlements.get.query({ tenant: caller.tenant, id }), "settlement", id);
    const csv = await deps.query.settlements.csv.query({ tenant: caller.tenant, id });
    return {
      status: 200,
      body: csv,
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${id}.csv"`,
      },
    };
  },
};
