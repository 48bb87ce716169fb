import { idSchema, newId, RegisterCardholder } from "@koban/contracts";
import { consistencyToken } from "@koban/query";
import { z } from "zod";
import { Problem } from "../http/problem.ts";
import { type Route, readAfterWrite } from "../http/route.ts";
import { parseInput } from "../http/validation.ts";

const name = z.string().trim().min(1).max(100);

/** Contact fields every kind of cardholder has. */
const contact = {
  email: z.email().max(254).optional(),
  phone_number: z
    .string()
    .regex(/^\+[1-9][0-9]{6,14}$/, "must be E.164, like +819012345678")
    .optional(),
  metadata: z
    .record(z.string().max(40), z.string().max(500))
    .refine((metadata) => Object.keys(metadata).length <= 20, "holds at most 20 keys")
    .optional(),
};

const createBody = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("individual"),
    individual: z.strictObject({ first_name: name, last_name: name }),
    business_id: idSchema("ch").optional(),
    ...contact,
  }),
  z.strictObject({
    type: z.literal("business"),
    business: z.strictObject({ legal_name: z.string().trim().min(1).max(200) }),
    ...contact,
  }),
]);

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: idSchema("ch").optional(),
  status: z.enum(["active", "suspended", "closed"]).optional(),
  type: z.enum(["individual", "business"]).optional(),
  created_gte: z.iso.datetime({ offset: true }).optional(),
  created_lt: z.iso.datetime({ offset: true }).optional(),
});

export const createCardholder: Route = {
  method: "POST",
  url: "/v1/cardholders",
  async handle({ request, caller, deps, write }) {
    const body = parseInput(createBody, request.body);
    return write(async () => {
      const cardholderId = newId("ch");
      const outcome = await deps.commands.send(
        RegisterCardholder,
        {
          cardholder_id: cardholderId,
          type: body.type,
          business_id: body.type === "individual" ? (body.business_id ?? null) : null,
          individual: body.type === "individual" ? body.individual : null,
          business: body.type === "business" ? body.business : null,
          email: body.email ?? null,
          phone_number: body.phone_number ?? null,
          metadata: body.metadata ?? {},
        },
        caller.tenant,
        { type: "cardholder", id: cardholderId },
      );
      if (outcome.status !== "accepted") return outcome;
      const consistency = consistencyToken(outcome.result.cardholder_id, outcome.result.stream_version);
      const cardholder = await readAfterWrite(() =>
        deps.query.cardholders.get.query({ tenant: caller.tenant, id: outcome.result.cardholder_id, consistency }),
      );
      return cardholder
        ? { status: "created", body: cardholder, consistency }
        : { status: "pending", operationId: outcome.operationId, consistency };
    });
  },
};

export const getCardholder: Route = {
  method: "GET",
  url: "/v1/cardholders/:id",
  async handle({ request, caller, deps, consistency }) {
    const { id } = request.params as { id: string };
    const cardholder = await deps.query.cardholders.get.query({ tenant: caller.tenant, id, consistency });
    if (!cardholder) throw new Problem(404, "resource_not_found", `No such cardholder: ${id}.`, "id");
    return { status: 200, body: cardholder };
  },
};

export const listCardholders: Route = {
  method: "GET",
  url: "/v1/cardholders",
  async handle({ request, caller, deps, consistency }) {
    const query = parseInput(listQuery, request.query);
    const page = await deps.query.cardholders.list.query({
      tenant: caller.tenant,
      limit: query.limit,
      startingAfter: query.starting_after,
      status: query.status,
      type: query.type,
      createdGte: query.created_gte,
      createdLt: query.created_lt,
      consistency,
    });
    return {
      status: 200,
      body: { object: "list", data: page.data, has_more: page.hasMore, next_cursor: page.nextCursor },
    };
  },
};
