import { readCardDetails } from "@koban/card";
import { DomainError } from "@koban/contracts";
import { Problem } from "../http/problem.ts";
import type { Route } from "../http/route.ts";
import { cardIdParam } from "./cards.ts";

/**
 * The card's number and security code, read directly from `card` (principle 12: a secret never
 * rides the bus), audited there with the key and the request that asked. The answer is never
 * stored (no idempotency record for a GET, no cache) and never logged.
 */
export const getCardDetails: Route = {
  method: "GET",
  url: "/v1/cards/:id/details",
  scope: "cards:read_sensitive",
  async handle({ request, caller, deps }) {
    const id = cardIdParam(request);
    const actor = { type: "api_key" as const, id: caller.apiKeyId, requestId: String(request.id) };
    try {
      const details = await readCardDetails(deps.pool, caller.tenant, id, actor);
      return { status: 200, body: details, headers: { "Cache-Control": "no-store" } };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new Problem(error.details.status ?? 422, error.code, error.message, error.details.param);
    }
  },
};
