import {
  cardholderStatuses,
  countryCode,
  idSchema,
  newId,
  noSpendControls,
  type RecordKycResult,
  RegisterCardholder,
  type Tenant,
  UpdateCardholder,
} from "@koban/contracts";
import { consistencyToken } from "@koban/query";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { CommandOutcome } from "../http/commands.ts";
import { Problem } from "../http/problem.ts";
import { type ApiDeps, found, listPage, type Route, readAfterWrite, type WriteOutcome } from "../http/route.ts";
import { parseInput } from "../http/validation.ts";
import { spendControlsInput } from "./cards.ts";

const name = z.string().trim().min(1).max(100);
const email = z.email().max(254);
const phoneNumber = z.string().regex(/^\+[1-9][0-9]{6,14}$/, "must be E.164, like +819012345678");
const metadataKey = z.string().max(40);
const metadataValue = z.string().max(500);

const address = z.strictObject({
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().min(1).max(200).optional(),
  city: z.string().trim().min(1).max(100),
  state: z.string().trim().min(1).max(100).optional(),
  postal_code: z.string().trim().min(1).max(20),
  country: countryCode,
});

const toAddress = (input: z.infer<typeof address>) => ({
  ...input,
  line2: input.line2 ?? null,
  state: input.state ?? null,
});

/** Contact fields every kind of cardholder has. */
const contact = {
  email: email.optional(),
  phone_number: phoneNumber.optional(),
  address: address.optional(),
  metadata: z
    .record(metadataKey, metadataValue)
    .refine((metadata) => Object.keys(metadata).length <= 20, "holds at most 20 keys")
    .optional(),
};

/** A partner that ran its own KYC says so; the cardholder is then verified at once. */
const kyc = z.strictObject({
  method: z.literal("partner"),
  verified_at: z.iso.datetime({ offset: true }).optional(),
  reference: z.string().trim().min(1).max(200).optional(),
});

const createBody = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("individual"),
    individual: z.strictObject({ first_name: name, last_name: name }),
    business_id: idSchema("ch").optional(),
    kyc: kyc.optional(),
    ...contact,
    /** The cardholder's own limits, across all its cards; none if left out. */
    spend_controls: spendControlsInput.optional(),
  }),
  z.strictObject({
    type: z.literal("business"),
    business: z.strictObject({ legal_name: z.string().trim().min(1).max(200) }),
    kyc: kyc.optional(),
    ...contact,
    /** The cardholder's own limits, across all its cards; none if left out. */
    spend_controls: spendControlsInput.optional(),
  }),
]);

/** PATCH: absent fields stay, null clears, a metadata key set to null is removed. */
const updateBody = z.strictObject({
  email: email.nullable().optional(),
  phone_number: phoneNumber.nullable().optional(),
  address: address.nullable().optional(),
  individual: z.strictObject({ first_name: name.optional(), last_name: name.optional() }).optional(),
  metadata: z.record(metadataKey, metadataValue.nullable()).optional(),
  status: z.enum(cardholderStatuses).optional(),
  /** Replaced whole. */
  spend_controls: spendControlsInput.optional(),
});

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: idSchema("ch").optional(),
  status: z.enum(cardholderStatuses).optional(),
  type: z.enum(["individual", "business"]).optional(),
  created_gte: z.iso.datetime({ offset: true }).optional(),
  created_lt: z.iso.datetime({ offset: true }).optional(),
});

/** The `:id` of the path; one that cannot be a cardholder id is as unknown as any other. */
export function cardholderIdParam(request: FastifyRequest): string {
  const { id } = request.params as { id: string };
  if (!idSchema("ch").safeParse(id).success) {
    throw new Problem(404, "resource_not_found", `No such cardholder: ${id}.`, "id");
  }
  return id;
}

type CardholderCommand = typeof RegisterCardholder | typeof UpdateCardholder | typeof RecordKycResult;

/**
 * What a cardholder write answers once its context accepted it: the cardholder as the query
 * side renders it when the read model has caught up, else the operation to poll (202).
 */
export async function cardholderWritten(
  deps: ApiDeps,
  tenant: Tenant,
  outcome: CommandOutcome<CardholderCommand>,
  status: "created" | "updated",
): Promise<WriteOutcome> {
  if (outcome.status !== "accepted") return outcome;
  const { cardholder_id: id, stream_version } = outcome.result;
  const consistency = consistencyToken(id, stream_version);
  const cardholder = await readAfterWrite(() => deps.query.cardholders.get.query({ tenant, id, consistency }));
  return cardholder
    ? { status, body: cardholder, consistency }
    : { status: "pending", operationId: outcome.operationId, consistency };
}

export const createCardholder: Route = {
  method: "POST",
  url: "/v1/cardholders",
  scope: "cardholders:write",
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
          address: body.address ? toAddress(body.address) : null,
          metadata: body.metadata ?? {},
          spend_controls: body.spend_controls ?? noSpendControls,
          kyc: body.kyc
            ? {
                method: "partner",
                verified_at: body.kyc.verified_at ? new Date(body.kyc.verified_at).toISOString() : null,
                reference: body.kyc.reference ?? null,
              }
            : null,
        },
        caller.tenant,
        { type: "cardholder", id: cardholderId },
      );
      return cardholderWritten(deps, caller.tenant, outcome, "created");
    });
  },
};

export const updateCardholder: Route = {
  method: "PATCH",
  url: "/v1/cardholders/:id",
  scope: "cardholders:write",
  async handle({ request, caller, deps, write }) {
    const id = cardholderIdParam(request);
    const { address: newAddress, ...body } = parseInput(updateBody, request.body);
    return write(async () => {
      const outcome = await deps.commands.send(
        UpdateCardholder,
        {
          cardholder_id: id,
          ...body,
          ...(newAddress === undefined ? {} : { address: newAddress && toAddress(newAddress) }),
        },
        caller.tenant,
        { type: "cardholder", id },
      );
      return cardholderWritten(deps, caller.tenant, outcome, "updated");
    });
  },
};

export const getCardholder: Route = {
  method: "GET",
  url: "/v1/cardholders/:id",
  scope: "cardholders:read",
  async handle({ request, caller, deps, consistency }) {
    const id = cardholderIdParam(request);
    const cardholder = await deps.query.cardholders.get.query({ tenant: caller.tenant, id, consistency });
    return { status: 200, body: found(cardholder, "cardholder", id) };
  },
};

export const listCardholders: Route = {
  method: "GET",
  url: "/v1/cardholders",
  scope: "cardholders:read",
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
    return listPage(page);
  },
};
