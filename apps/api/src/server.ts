import { loadVaultKeys } from "@koban/card";
import { newId } from "@koban/contracts";
import { loadFundingSecretKeys } from "@koban/funding";
import { inSpan, logger } from "@koban/observability";
import { loadWebhookSecretKeys } from "@koban/partner";
import { consistencyToken } from "@koban/query";
import { TRPCClientError } from "@trpc/client";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { authenticate, requireScope } from "./http/auth.ts";
import { idempotent, type StoredResponse } from "./http/idempotency.ts";
import { findOperation } from "./http/operations.ts";
import { Problem, problemBody, sendProblem } from "./http/problem.ts";
import { type RateLimitSettings, registerRateLimit } from "./http/rate-limit.ts";
import type { ApiDeps, Route, WriteOutcome } from "./http/route.ts";
import { getAuthorization, listAuthorizations } from "./routes/authorizations.ts";
import { activateCard, closeCard, freezeCard, unfreezeCard } from "./routes/card-actions.ts";
import { getCardDetails } from "./routes/card-details.ts";
import { createCard } from "./routes/card-issue.ts";
import { createCardholder, getCardholder, listCardholders, updateCardholder } from "./routes/cardholders.ts";
import { getCard, listCards, updateCard } from "./routes/cards.ts";
import { getEvent, listEvents } from "./routes/events.ts";
import { fundingSourceRoutes } from "./routes/funding-sources.ts";
import { moneyRoutes } from "./routes/money.ts";
import { getOperation } from "./routes/operations.ts";
import { getProgram, listPrograms } from "./routes/programs.ts";
import { exportSettlement, getSettlement, listSettlements } from "./routes/settlements.ts";
import { simulateAuthorization, simulateIncrement, simulateReversal } from "./routes/simulate-authorization.ts";
import { simulateClearing, simulateRefund } from "./routes/simulate-clearing.ts";
import { simulateCardholderKyc } from "./routes/simulations.ts";
import { getTransaction, listTransactions } from "./routes/transactions.ts";
import { webhookRoutes } from "./routes/webhook-endpoints.ts";

export { CommandGateway, recordDocument } from "./http/commands.ts";
export { createQueryClient } from "./http/query-client.ts";
export type { RateLimitSettings } from "./http/rate-limit.ts";
export type { ApiDeps } from "./http/route.ts";

const routes: Route[] = [
  createCardholder,
  listCardholders,
  getCardholder,
  updateCardholder,
  listPrograms,
  getProgram,
  createCard,
  listCards,
  getCard,
  updateCard,
  activateCard,
  freezeCard,
  unfreezeCard,
  closeCard,
  getCardDetails,
  listEvents,
  getEvent,
  ...webhookRoutes,
  ...fundingSourceRoutes,
  ...moneyRoutes,
  listAuthorizations,
  getAuthorization,
  simulateAuthorization,
  simulateIncrement,
  simulateReversal,
  simulateCardholderKyc,
  listTransactions,
  getTransaction,
  simulateClearing,
  simulateRefund,
  listSettlements,
  getSettlement,
  exportSettlement,
  getOperation,
];

const BODY_LIMIT = 64 * 1024;
const NOTHING_WRITTEN = consistencyToken("none", 0);

export async function buildServer(deps: ApiDeps, rateLimit: RateLimitSettings): Promise<FastifyInstance> {
  // The card details and webhook secret routes open sealed secrets: a missing or bad key fails the start, not a request.
  loadVaultKeys();
  loadWebhookSecretKeys();
  loadFundingSecretKeys();
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    genReqId: () => newId("req"),
    requestIdHeader: false,
    logger: false,
    // Only path parameters (all of them ids) reach here: undecodable or over find-my-way's length limit.
    frameworkErrors: (error, request, reply) => {
      reply.header("Request-Id", request.id);
      if (error.code === "FST_ERR_BAD_URL" || error.code === "FST_ERR_MAX_PARAM_LENGTH") {
        return sendProblem(reply, new Problem(404, "resource_not_found", "No such object: the id is malformed.", "id"));
      }
      return sendProblem(reply, new Problem(400, "invalid_request", "The request is invalid."));
    },
  });
  // Bodies are JSON only: any other type is 415, not a string the schemas then call invalid.
  app.removeContentTypeParser("text/plain");

  app.addHook("onSend", async (request, reply) => {
    reply.header("Request-Id", request.id);
    // Every write response carries a token, even one that wrote nothing (it is then satisfied at once).
    if (request.method !== "GET" && !reply.hasHeader("Koban-Consistency")) {
      reply.header("Koban-Consistency", NOTHING_WRITTEN);
    }
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, new Problem(404, "route_not_found", `No route ${request.method} ${request.url.split("?")[0]}.`)),
  );

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof Problem) return sendProblem(reply, error);
    if (error instanceof TRPCClientError && error.data?.code === "TIMEOUT") {
      reply.header("Retry-After", "1");
      return sendProblem(
        reply,
        new Problem(503, "service_unavailable", "Your earlier write is not readable yet; retry shortly."),
      );
    }
    switch (error.code) {
      case "FST_ERR_CTP_BODY_TOO_LARGE":
        return sendProblem(reply, new Problem(413, "payload_too_large", `Bodies are limited to ${BODY_LIMIT} bytes.`));
      case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
        return sendProblem(
          reply,
          new Problem(415, "unsupported_media_type", "Send JSON (Content-Type: application/json)."),
        );
      case "FST_ERR_CTP_EMPTY_JSON_BODY":
      case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
        return sendProblem(reply, new Problem(400, "invalid_json", "The body is not valid JSON."));
    }
    if (error.statusCode === 400)
      return sendProblem(reply, new Problem(400, "invalid_json", "The body is not valid JSON."));
    logger.error({ err: error, request_id: request.id }, "unhandled error");
    return sendProblem(
      reply,
      new Problem(500, "internal_error", "Something went wrong on our side; it has been logged."),
    );
  });

  const limitRate = await registerRateLimit(app, rateLimit);

  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      handler: (request, reply) =>
        inSpan(
          `${route.method} ${route.url}`,
          { kind: "server", traceparent: header(request.headers.traceparent) },
          async () => {
            const caller = await authenticate(request, deps.query);
            await limitRate(request, reply, caller);
            requireScope(caller, route.scope);
            const write = (run: () => Promise<WriteOutcome>) =>
              idempotent(
                deps.pool,
                caller.tenant,
                header(request.headers["idempotency-key"]),
                { method: route.method, path: request.url, body: request.body },
                async () => toResponse(await run(), deps, caller.tenant, String(request.id)),
              );
            const result = await route.handle({
              request,
              caller,
              deps,
              consistency: header(request.headers["koban-consistency"]),
              write,
            });
            logger.info(
              { request_id: request.id, method: route.method, route: route.url, status: result.status },
              "request",
            );
            reply.code(result.status).headers(result.headers ?? {});
            if (result.status >= 400) reply.type("application/problem+json");
            return result.body;
          },
        ),
    });
  }
  return app;
}

async function toResponse(
  outcome: WriteOutcome,
  deps: ApiDeps,
  tenant: Parameters<typeof findOperation>[1],
  requestId: string,
): Promise<StoredResponse> {
  switch (outcome.status) {
    case "created":
    case "updated":
      return {
        status: outcome.status === "created" ? 201 : 200,
        headers: { "Koban-Consistency": outcome.consistency },
        body: outcome.body,
      };
    case "pending":
      return {
        status: 202,
        headers: {
          Location: `/v1/operations/${outcome.operationId}`,
          "Koban-Consistency": outcome.consistency ?? NOTHING_WRITTEN,
        },
        body: await findOperation(deps.pool, tenant, outcome.operationId, requestId),
      };
    case "rejected": {
      const { status, code, message, param } = outcome.error;
      return {
        status,
        headers: { "Koban-Consistency": NOTHING_WRITTEN },
        body: problemBody(new Problem(status, code, message, param), requestId),
      };
    }
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
