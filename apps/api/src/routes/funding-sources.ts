import {
  CreateFundingSource,
  DomainError,
  defaultGatewayDeadlineMs,
  fundingSourceTypes,
  idSchema,
  maxGatewayDeadlineMs,
  newId,
  standInRules,
  type Tenant,
  UpdateFundingSource,
} from "@koban/contracts";
import { readFundingSourceSecret, refuseGatewayUrl } from "@koban/funding";
import { consistencyToken } from "@koban/query";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { CommandOutcome } from "../http/commands.ts";
import { Problem } from "../http/problem.ts";
import { type ApiDeps, found, listPage, type Route, readAfterWrite, type WriteOutcome } from "../http/route.ts";
import { parseInput } from "../http/validation.ts";

const url = z.url({ protocol: /^https?$/ }).max(2048);
const deadline = z.number().int().min(100).max(maxGatewayDeadlineMs);
const standIn = z.enum(standInRules);
const description = z.string().max(500).nullable();

const createBody = z
  .strictObject({
    type: z.enum(fundingSourceTypes),
    description: description.default(null),
    jit_gateway: z
      .strictObject({
        url,
        deadline_ms: deadline.default(defaultGatewayDeadlineMs),
        // Without an answer, decline: approving must be chosen.
        stand_in: standIn.default("decline"),
      })
      .optional(),
  })
  .superRefine((body, ctx) => {
    if (body.type === "jit_gateway" && !body.jit_gateway) {
      ctx.addIssue({ code: "custom", path: ["jit_gateway"], message: "a jit_gateway source needs jit_gateway.url" });
    }
    if (body.type === "prefunded" && body.jit_gateway) {
      ctx.addIssue({ code: "custom", path: ["jit_gateway"], message: "a prefunded source has no jit_gateway" });
    }
  });
const updateBody = z
  .strictObject({
    description: description.optional(),
    jit_gateway: z
      .strictObject({ url: url.optional(), deadline_ms: deadline.optional(), stand_in: standIn.optional() })
      .optional(),
  })
  .refine((body) => Object.keys(body).length > 0, "Send at least one field to change.");

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: idSchema("fs").optional(),
  type: z.enum(fundingSourceTypes).optional(),
});

/** A malformed id names nothing: 404, as an unknown one. */
function idParam(request: FastifyRequest): string {
  const id = (request.params as Record<string, string>).id ?? "";
  if (!idSchema("fs").safeParse(id).success) {
    throw new Problem(404, "resource_not_found", `No such funding source: ${id}.`, "id");
  }
  return id;
}

/** A gateway URL that may not be called is refused before anything is written (and checked again at each call). */
async function checkUrl(deps: ApiDeps, tenant: Tenant, target: string | undefined): Promise<void> {
  if (target === undefined) return;
  const refusal = await refuseGatewayUrl(target, tenant.livemode, deps.urlPolicy);
  if (refusal) throw new Problem(400, "parameter_invalid", refusal, "jit_gateway.url");
}

async function sourceWritten(
  deps: ApiDeps,
  tenant: Tenant,
  outcome: CommandOutcome<typeof CreateFundingSource | typeof UpdateFundingSource>,
  status: "created" | "updated",
): Promise<WriteOutcome> {
  if (outcome.status !== "accepted") return outcome;
  const { funding_source_id: id, stream_version } = outcome.result;
  const consistency = consistencyToken(id, stream_version);
  const source = await readAfterWrite(() => deps.query.fundingSources.get.query({ tenant, id, consistency }));
  return source
    ? { status, body: source, consistency }
    : { status: "pending", operationId: outcome.operationId, consistency };
}

export const createFundingSource: Route = {
  method: "POST",
  url: "/v1/funding_sources",
  scope: "funding:write",
  async handle({ request, caller, deps, write }) {
    const body = parseInput(createBody, request.body);
    await checkUrl(deps, caller.tenant, body.jit_gateway?.url);
    return write(async () => {
      const id = newId("fs");
      const outcome = await deps.commands.send(
        CreateFundingSource,
        {
          funding_source_id: id,
          type: body.type,
          description: body.description,
          jit_gateway: body.jit_gateway ?? null,
        },
        caller.tenant,
        { type: "funding_source", id },
      );
      return sourceWritten(deps, caller.tenant, outcome, "created");
    });
  },
};

export const listFundingSources: Route = {
  method: "GET",
  url: "/v1/funding_sources",
  scope: "funding:read",
  async handle({ request, caller, deps, consistency }) {
    const query = parseInput(listQuery, request.query);
    const page = await deps.query.fundingSources.list.query({
      tenant: caller.tenant,
      limit: query.limit,
      startingAfter: query.starting_after,
      type: query.type,
      consistency,
    });
    return listPage(page);
  },
};

export const getFundingSource: Route = {
  method: "GET",
  url: "/v1/funding_sources/:id",
  scope: "funding:read",
  async handle({ request, caller, deps, consistency }) {
    const id = idParam(request);
    const source = await deps.query.fundingSources.get.query({ tenant: caller.tenant, id, consistency });
    return { status: 200, body: found(source, "funding source", id) };
  },
};

export const updateFundingSource: Route = {
  method: "PATCH",
  url: "/v1/funding_sources/:id",
  scope: "funding:write",
  async handle({ request, caller, deps, write }) {
    const id = idParam(request);
    const body = parseInput(updateBody, request.body);
    await checkUrl(deps, caller.tenant, body.jit_gateway?.url);
    return write(async () => {
      const outcome = await deps.commands.send(UpdateFundingSource, { funding_source_id: id, ...body }, caller.tenant, {
        type: "funding_source",
        id,
      });
      return sourceWritten(deps, caller.tenant, outcome, "updated");
    });
  },
};

/** Read directly from `funding`, never over the bus; not cached. */
export const getFundingSourceSecret: Route = {
  method: "GET",
  url: "/v1/funding_sources/:id/secret",
  scope: "funding:write",
  async handle({ request, caller, deps }) {
    const id = idParam(request);
    try {
      const secret = await readFundingSourceSecret(deps.pool, caller.tenant, id);
      return { status: 200, body: secret, headers: { "Cache-Control": "no-store" } };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new Problem(error.details.status ?? 422, error.code, error.message, error.details.param);
    }
  },
};

export const fundingSourceRoutes: Route[] = [
  createFundingSource,
  listFundingSources,
  getFundingSource,
  updateFundingSource,
  getFundingSourceSecret,
];
