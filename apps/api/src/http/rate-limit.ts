import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Redis } from "ioredis";
import type { Caller } from "./auth.ts";
import { Problem } from "./problem.ts";

export interface RateLimitSettings {
  redis: Redis;
  /** Every counter's Redis key starts with it (`koban:<env>:ratelimit:`), so installations stay apart. */
  prefix: string;
  /** Requests one API key may make in each one-second window. */
  perSecond: number;
}

declare module "fastify" {
  interface FastifyRequest {
    apiKeyId: string;
  }
}

/**
 * Counts requests per API key, after authentication: two keys of one partner have their own
 * buckets, and requests without a valid key are not counted (they end in 401 before any work).
 * The counters live in Redis, so every facade process shares them. Returns the check a
 * handler runs: 429 with Retry-After once the key is over its limit.
 */
export async function registerRateLimit(app: FastifyInstance, settings: RateLimitSettings) {
  app.decorateRequest("apiKeyId", "");
  await app.register(rateLimit, {
    global: false,
    redis: settings.redis,
    nameSpace: settings.prefix,
    max: settings.perSecond,
    timeWindow: 1000,
    keyGenerator: (request) => request.apiKeyId,
    // A Redis outage must not stop card issuing: the limit is protection, not a rule.
    skipOnError: true,
  });
  const check = app.createRateLimit();
  return async (request: FastifyRequest, reply: FastifyReply, caller: Caller) => {
    request.apiKeyId = caller.apiKeyId;
    const result = await check(request);
    if (result.isAllowed || !result.isExceeded) return;
    const seconds = Math.max(1, result.ttlInSeconds);
    reply.header("Retry-After", String(seconds));
    throw new Problem(429, "rate_limited", `Too many requests for this API key; retry in ${seconds} s.`);
  };
}
