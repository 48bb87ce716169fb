import { findOperation } from "../http/operations.ts";
import { found, type Route } from "../http/route.ts";

export const getOperation: Route = {
  method: "GET",
  url: "/v1/operations/:id",
  scope: null,
  async handle({ request, caller, deps }) {
    const { id } = request.params as { id: string };
    const operation = await findOperation(deps.pool, caller.tenant, id, String(request.id));
    return { status: 200, body: found(operation, "operation", id) };
  },
};
