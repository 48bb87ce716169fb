import { idSchema } from "@koban/contracts";
import { z } from "zod";
import { found, listPage, type Route } from "../http/route.ts";
import { parseInput } from "../http/validation.ts";

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: idSchema("prg").optional(),
});

/** Programs are set up by Koban's staff; partners read them. */
export const listPrograms: Route = {
  method: "GET",
  url: "/v1/programs",
  scope: "programs:read",
  async handle({ request, caller, deps, consistency }) {
    const query = parseInput(listQuery, request.query);
    const page = await deps.query.programs.list.query({
      tenant: caller.tenant,
      limit: query.limit,
      startingAfter: query.starting_after,
      consistency,
    });
    return listPage(page);
  },
};

export const getProgram: Route = {
  method: "GET",
  url: "/v1/programs/:id",
  scope: "programs:read",
  async handle({ request, caller, deps, consistency }) {
    const { id } = request.params as { id: string };
    const program = await deps.query.programs.get.query({ tenant: caller.tenant, id, consistency });
    return { status: 200, body: found(program, "program", id) };
  },
};
