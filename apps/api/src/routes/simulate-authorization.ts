import { readCardDetails } from "@koban/card";
import { DomainError, idSchema, type Tenant } from "@koban/contracts";
import { type NetworkResult, sendAuthorization, sendReversal } from "@koban/network";
import { type AuthorizationResource, consistencyToken } from "@koban/query";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { Caller } from "../http/auth.ts";
import { Problem } from "../http/problem.ts";
import { type ApiDeps, found, type Route, readAfterWrite } from "../http/route.ts";
import { parseInput } from "../http/validation.ts";

const amount = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const authorizeBody = z.strictObject({
  card_id: idSchema("card"),
  amount,
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
const reverseBody = z.strictObject({ amount: amount.optional() }).optional();
const incrementBody = z.strictObject({ amount });

const defaultMerchant = { name: "Koban Test Shop", mcc: "5411", country: "JP" };

/** ISO 8583 `14`: the gateway does not know the card (yet: its copy of a card just issued may lag). */
const UNKNOWN_CARD = "14";

export function testModeOnly(caller: Caller): void {
  if (caller.tenant.livemode) {
    throw new Problem(403, "permission_denied", "Simulations work in test mode only: use a kb_test_ key.");
  }
}

/** The card's number, expiry and code, read directly from `card` and audited (never over the bus). */
export async function cardSecrets(deps: ApiDeps, request: FastifyRequest, caller: Caller, cardId: string) {
  const actor = { type: "api_key" as const, id: caller.apiKeyId, requestId: String(request.id) };
  try {
    return await readCardDetails(deps.pool, caller.tenant, cardId, actor);
  } catch (error) {
    if (error instanceof DomainError) throw new Problem(404, "resource_not_found", error.message, "card_id");
    throw error;
  }
}

/** Sends until the gateway knows the card (a card issued a moment ago may not be in its copy yet). */
async function untilKnown(send: () => Promise<NetworkResult>): Promise<NetworkResult> {
  let result = await send();
  for (let retry = 0; retry < 20 && answeredUnknown(result); retry++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    result = await send();
  }
  return result;
}

function answeredUnknown(result: NetworkResult): boolean {
  return result.outcome === "answered" && result.responseCode === UNKNOWN_CARD && !result.authorizationId;
}

/** The authorization the network's answer names, once the read side shows it at `version` (2: decided). */
async function decided(deps: ApiDeps, tenant: Tenant, result: NetworkResult, version = 2) {
  if (result.outcome !== "answered" || !result.authorizationId) {
    const why = result.outcome === "answered" ? `response code ${result.responseCode}` : result.outcome;
    throw new Problem(503, "service_unavailable", `The network got no decision from Koban (${why}); retry shortly.`);
  }
  const id = result.authorizationId;
  const consistency = consistencyToken(id, version);
  // Decided, so readable soon, if not at once (a query processor restarting takes a few seconds).
  let authorization: AuthorizationResource | null | undefined;
  for (let attempt = 0; attempt < 4 && !authorization; attempt++) {
    authorization = await readAfterWrite(() => deps.query.authorizations.get.query({ tenant, id, consistency }));
  }
  if (!authorization) {
    throw new Problem(
      503,
      "service_unavailable",
      `Authorization ${id} is decided but not readable yet; retry shortly.`,
    );
  }
  return { authorization, consistency };
}

/** An approved authorization of the caller's, with what of it is still authorized. */
async function approved(deps: ApiDeps, request: FastifyRequest, caller: Caller) {
  const { id } = request.params as { id: string };
  if (!idSchema("auth").safeParse(id).success) {
    throw new Problem(404, "resource_not_found", `No such authorization: ${id}.`, "id");
  }
  const authorization = found(
    await deps.query.authorizations.get.query({ tenant: caller.tenant, id }),
    "authorization",
    id,
  );
  if (authorization.status !== "pending") {
    throw new Problem(
      409,
      "invalid_state_transition",
      `Authorization ${id} is ${authorization.status}; only an approved, uncleared one can change.`,
    );
  }
  return { authorization, remaining: (await outstanding(deps, caller.tenant, id)).remaining };
}

/** The authorization as the read side has it, and what stays authorized of it and of its increments. */
async function outstanding(deps: ApiDeps, tenant: Tenant, id: string) {
  const [authorization, increments] = await Promise.all([
    deps.query.authorizations.get.query({ tenant, id }),
    deps.query.authorizations.list.query({ tenant, incrementOf: id, status: "pending", limit: 100 }),
  ]);
  if (!authorization) throw new Problem(404, "resource_not_found", `No such authorization: ${id}.`, "id");
  const counted = authorization.status === "pending" ? [authorization, ...increments.data] : increments.data;
  return { authorization, remaining: counted.reduce((sum, each) => sum + each.remaining_amount, 0) };
}

/**
 * Drives the network simulator into the gateway with the card's real number, expiry and code,
 * as real traffic would arrive, and answers with the authorization once `processing` decided it.
 */
export const simulateAuthorization: Route = {
  method: "POST",
  url: "/v1/simulate/authorizations",
  scope: "authorizations:write",
  async handle({ request, caller, deps, write }) {
    testModeOnly(caller);
    const input = parseInput(authorizeBody, request.body);
    const card = await deps.query.cards.get.query({ tenant: caller.tenant, id: input.card_id });
    if (!card) throw new Problem(404, "resource_not_found", `No such card: ${input.card_id}.`, "card_id");
    const program = await deps.query.programs.get.query({ tenant: caller.tenant, id: card.program_id });
    return write(async () => {
      const details = await cardSecrets(deps, request, caller, input.card_id);
      const result = await untilKnown(() =>
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
        }),
      );
      const { authorization, consistency } = await decided(deps, caller.tenant, result);
      return { status: "created", body: authorization, consistency };
    });
  },
};

/** `amount` more on an approved authorization: its own saga, answered with its own authorization. */
export const simulateIncrement: Route = {
  method: "POST",
  url: "/v1/simulate/authorizations/:id/increment",
  scope: "authorizations:write",
  async handle({ request, caller, deps, write }) {
    testModeOnly(caller);
    const input = parseInput(incrementBody, request.body);
    const { authorization } = await approved(deps, request, caller);
    return write(async () => {
      const details = await cardSecrets(deps, request, caller, authorization.card_id);
      const result = await sendAuthorization({
        gatewayUrl: deps.gatewayUrl,
        pan: details.number,
        expiry: { month: details.exp_month, year: details.exp_year },
        cvv2: null,
        amount: input.amount,
        currency: authorization.currency,
        merchant: authorization.merchant,
        original: authorization.network,
      });
      const { authorization: increment, consistency } = await decided(deps, caller.tenant, result);
      return { status: "created", body: increment, consistency };
    });
  },
};

/** Releases all of what remains authorized, or `amount` of it; answers with the authorization after. */
export const simulateReversal: Route = {
  method: "POST",
  url: "/v1/simulate/authorizations/:id/reverse",
  scope: "authorizations:write",
  async handle({ request, caller, deps, write }) {
    testModeOnly(caller);
    const input = parseInput(reverseBody, request.body);
    const { authorization, remaining } = await approved(deps, request, caller);
    const release = input?.amount ?? remaining;
    if (release > remaining) {
      throw new Problem(400, "parameter_invalid", `Only ${remaining} remains authorized.`, "amount");
    }
    return write(async () => {
      const details = await cardSecrets(deps, request, caller, authorization.card_id);
      const result = await sendReversal({
        gatewayUrl: deps.gatewayUrl,
        pan: details.number,
        amount: release,
        currency: authorization.currency,
        merchant: authorization.merchant,
        original: authorization.network,
      });
      if (result.outcome !== "answered" || result.responseCode !== "00") {
        const why = result.outcome === "answered" ? `response code ${result.responseCode}` : result.outcome;
        throw new Problem(503, "service_unavailable", `The network's reversal was not taken (${why}); retry shortly.`);
      }
      // Released from the newest increment first: done once what stays authorized is what was left.
      const expected = remaining - release;
      for (let waited = 0; waited < 3_000; waited += 50) {
        const after = await outstanding(deps, caller.tenant, authorization.id);
        if (after.remaining === expected) {
          return { status: "updated", body: after.authorization, consistency: consistencyToken(authorization.id, 2) };
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Problem(503, "service_unavailable", "The reversal is not readable yet; retry shortly.");
    });
  },
};

/** A security code that is not the card's. */
function wrongCode(cvc: string): string {
  return String((Number(cvc) + 1) % 1000).padStart(3, "0");
}
