import { findOperation } from "../http/operations.ts";
import { Problem } from "../http/problem.ts";
import type { Route } from "../http/route.ts";

export const getOperation: Route = {
  method: "GET",
  url: "/v1/operations/:id",
  scope: null,
  async handle({ request, caller, deps }) {
    const { id } = request.params as { id: string };
    const operation = await findOperation(deps.pool, caller.tenant, id, String(request.id));
    if (!operation) throw new Problem(404, "resource_not_found", `No such operation: ${id}.`, "id");
    return { status: 200, body: operation };
  },
};
