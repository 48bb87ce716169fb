import { readCardDetails } from "@koban/card";
import { DomainError, idSchema } from "@koban/contracts";
import { type NetworkResult, sendAuthorization } from "@koban/network";
import { consistencyToken } from "@koban/query";
import { z } from "zod";
import { Problem } from "../http/problem.ts";
import { type Route, readAfterWrite } from "../http/route.ts";
import { parseInput } from "../http/validation.ts";

const body = z.strictObject({
  card_id: idSchema("card"),
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  merchant: z
    .strictObject({
      name: z.string().min(1).max(100),
      mcc: z.string().regex(/^\d{4}$/),
      country: z.string().regex(/^[A-Z]{2}$/),
    })
    .optional(),
  cvv2: z.enum(["match", "mismatch", "absent"]).default("match"),
  expiry: z.enum(["match", "mismatch"]).default("match"),
});

const defaultMerchant = { name: "Koban Test Shop", mcc: "5411", country: "JP" };

/** ISO 8583 `14`: the gateway does not know the card (yet: its copy of a card just issued may lag). */
const UNKNOWN_CARD = "14";

/**
 * Drives the network simulator into the gateway with the card's real number, expiry and code
 * (read directly from `card`, audited, never on the bus), as real traffic would arrive, and
 * answers with the authorization once `processing` has decided it.
 */
export const simulateAuthorization: Route = {
  method: "POST",
  url: "/v1/simulate/authorizations",
  scope: "authorizations:write",
  async handle({ request, caller, deps, write }) {
    if (caller.tenant.livemode) {
      throw new Problem(403, "permission_denied", "Simulations work in test mode only: use a kb_test_ key.");
    }
    const input = parseInput(body, request.body);
    const card = await deps.query.cards.get.query({ tenant: caller.tenant, id: input.card_id });
    if (!card) throw new Problem(404, "resource_not_found", `No such card: ${input.card_id}.`, "card_id");
    const program = await deps.query.programs.get.query({ tenant: caller.tenant, id: card.program_id });
    return write(async () => {
      const actor = { type: "api_key" as const, id: caller.apiKeyId, requestId: String(request.id) };
      let details: Awaited<ReturnType<typeof readCardDetails>>;
      try {
        details = await readCardDetails(deps.pool, caller.tenant, input.card_id, actor);
      } catch (error) {
        if (error instanceof DomainError) throw new Problem(404, "resource_not_found", error.message, "card_id");
        throw error;
      }
      const send = () =>
        sendAuthorization({
          gatewayUrl: deps.gatewayUrl,
          pan: details.number,
          expiry: {
            month: details.exp_month,
            year: input.expiry === "match" ? details.exp_year : details.exp_year + 1,
          },
          cvv2: input.cvv2 === "absent" ? null : input.cvv2 === "match" ? details.cvc : wrongCode(details.cvc),
          amount: input.amount,
          currency: input.currency ?? program?.currency ?? "JPY",
          merchant: input.merchant ?? defaultMerchant,
        });
      let result: NetworkResult = await send();
      for (let retry = 0; retry < 20 && answeredUnknown(result); retry++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        result = await send();
      }
      if (result.outcome !== "answered" || !result.authorizationId) {
        const why = result.outcome === "answered" ? `response code ${result.responseCode}` : result.outcome;
        throw new Problem(
          503,
          "service_unavailable",
          `The network got no decision from Koban (${why}); retry shortly.`,
        );
      }
      const id = result.authorizationId;
      // The decision is the authorization stream's second event.
      const consistency = consistencyToken(id, 2);
      // Decided, so readable soon, if not at once (a query processor restarting takes a few seconds).
      let authorization: Awaited<ReturnType<typeof deps.query.authorizations.get.query>> | undefined;
      for (let attempt = 0; attempt < 4 && !authorization; attempt++) {
        authorization = await readAfterWrite(() =>
          deps.query.authorizations.get.query({ tenant: caller.tenant, id, consistency }),
        );
      }
      if (!authorization) {
        throw new Problem(
          503,
          "service_unavailable",
          `Authorization ${id} is decided but not readable yet; retry shortly.`,
        );
      }
      return { status: "created", body: authorization, consistency };
    });
  },
};

function answeredUnknown(result: NetworkResult): boolean {
  return result.outcome === "answered" && result.responseCode === UNKNOWN_CARD && !result.authorizationId;
}

/** A security code that is not the card's. */
function wrongCode(cvc: string): string {
  return String((Number(cvc) + 1) % 1000).padStart(3, "0");
}
