import { idSchema } from "@koban/contracts";
import { publicEventPrefixes, publicEventTypes } from "@koban/query";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { Problem } from "../http/problem.ts";
import type { Route } from "../http/route.ts";
import { found, listPage } from "../http/route.ts";
import { parseInput } from "../http/validation.ts";

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: idSchema("evt").optional(),
  /** One type (`card.frozen`), or every type of a resource (`card.*`). */
  type: z.enum([...publicEventTypes, ...publicEventPrefixes] as [string, ...string[]]).optional(),
  created_gte: z.iso.datetime({ offset: true }).optional(),
  created_lt: z.iso.datetime({ offset: true }).optional(),
});

function eventIdParam(request: FastifyRequest): string {
  const { id } = request.params as { id: string };
  if (!idSchema("evt").safeParse(id).success)
    throw new Problem(404, "resource_not_found", `No such event: ${id}.`, "id");
  return id;
}

/** Public events, newest first: the same payloads webhooks deliver. */
export const listEvents: Route = {
  method: "GET",
  url: "/v1/events",
  scope: "events:read",
  async handle({ request, caller, deps, consistency }) {
    const query = parseInput(listQuery, request.query);
    const prefix = query.type?.endsWith(".*") ? query.type.slice(0, -1) : undefined;
    const page = await deps.query.events.list.query({
      tenant: caller.tenant,
      limit: query.limit,
      startingAfter: query.starting_after,
      type: prefix ? undefined : query.type,
      typePrefix: prefix,
      createdGte: query.created_gte,
      createdLt: query.created_lt,
      consistency,
    });
    return listPage(page);
  },
};

export const getEvent: Route = {
  method: "GET",
  url: "/v1/events/:id",
  scope: "events:read",
  async handle({ request, caller, deps, consistency }) {
    const id = eventIdParam(request);
    const event = await deps.query.events.get.query({ tenant: caller.tenant, id, consistency });
    return { status: 200, body: found(event, "event", id) };
  },
};
