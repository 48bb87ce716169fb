import { idSchema, type Tenant } from "@koban/contracts";
import { type ClearingRecord, formatClearingFile, newArn, sendClearingFile, settlementDay } from "@koban/network";
import { consistencyToken, type TransactionResource } from "@koban/query";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { Caller } from "../http/auth.ts";
import { Problem } from "../http/problem.ts";
import type { ApiDeps, Route } from "../http/route.ts";
import { parseInput } from "../http/validation.ts";
import { cardSecrets, testModeOnly } from "./simulate-authorization.ts";

const amount = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const merchant = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(100)
    .refine((name) => !name.includes("|"), "may not contain |"),
  mcc: z.string().regex(/^\d{4}$/),
  country: z.string().regex(/^[A-Z]{2}$/),
});

const clearingBody = z
  .strictObject({
    authorization_id: idSchema("auth").optional(),
    card_id: idSchema("card").optional(),
    amount: amount.optional(),
    sequence: z.number().int().min(1).max(99).default(1),
    count: z.number().int().min(1).max(99).default(1),
    merchant: merchant.optional(),
  })
  .refine((body) => body.authorization_id || body.card_id, {
    message: "name the authorization_id to clear, or a card_id for a presentment with no authorization",
    path: ["authorization_id"],
  })
  .refine((body) => body.sequence <= body.count, { message: "must not exceed count", path: ["sequence"] })
  .refine((body) => body.authorization_id || body.amount, {
    message: "required with no authorization_id",
    path: ["amount"],
  });

const refundBody = z.strictObject({
  card_id: idSchema("card").optional(),
  authorization_id: idSchema("auth").optional(),
  amount,
  merchant: merchant.optional(),
});

const defaultMerchant = { name: "Koban Test Shop", mcc: "5411", country: "JP" };

/** What a simulated record is about: its card, currency, merchant and authorization's network ids. */
async function subject(
  deps: ApiDeps,
  tenant: Tenant,
  input: { authorization_id?: string | undefined; card_id?: string | undefined },
) {
  if (input.authorization_id) {
    const authorization = await deps.query.authorizations.get.query({ tenant, id: input.authorization_id });
    if (!authorization) {
      throw new Problem(
        404,
        "resource_not_found",
        `No such authorization: ${input.authorization_id}.`,
        "authorization_id",
      );
    }
    if (input.card_id && input.card_id !== authorization.card_id) {
      throw new Problem(400, "parameter_invalid", "The card is not the authorization's.", "card_id");
    }
    return {
      cardId: authorization.card_id,
      currency: authorization.currency,
      merchant: {
        name: authorization.merchant.name,
        mcc: authorization.merchant.mcc,
        country: authorization.merchant.country,
      },
      network: authorization.network,
      remaining: authorization.remaining_amount,
    };
  }
  const card = await deps.query.cards.get.query({ tenant, id: input.card_id ?? "" });
  if (!card) throw new Problem(404, "resource_not_found", `No such card: ${input.card_id}.`, "card_id");
  const program = await deps.query.programs.get.query({ tenant, id: card.program_id });
  return {
    cardId: card.id,
    currency: program?.currency ?? "JPY",
    merchant: defaultMerchant,
    network: null,
    remaining: 0,
  };
}

/**
 * Sends one record as the network would, in a clearing file to the gateway's clearing edge, and
 * answers with the transaction once account has posted it.
 */
async function clearOne(
  deps: ApiDeps,
  request: FastifyRequest,
  caller: Caller,
  record: Omit<ClearingRecord, "pan">,
  cardId: string,
) {
  const details = await cardSecrets(deps, request, caller, cardId);
  const text = formatClearingFile([{ ...record, pan: details.number }]);
  let receipt = await sendClearingFile(deps.gatewayUrl, text, { name: "simulated" });
  // A card issued a moment ago may not be in clearing's copy yet: the network would send it again.
  for (let retry = 0; retry < 20 && receipt.failed > 0; retry++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    receipt = await sendClearingFile(deps.gatewayUrl, text, { name: "simulated" });
  }
  const id = receipt.lines[0]?.transaction_id;
  if (!id) throw new Problem(503, "service_unavailable", "The clearing record was not taken; retry shortly.");
  const consistency = consistencyToken(`${id}:account`, 1);
  let transaction: TransactionResource | null = null;
  for (let waited = 0; waited < 5_000 && !transaction; waited += 100) {
    transaction = await deps.query.transactions.get.query({ tenant: caller.tenant, id });
    if (!transaction) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!transaction) {
    throw new Problem(503, "service_unavailable", `Transaction ${id} is cleared but not posted yet; retry shortly.`);
  }
  return { status: "created" as const, body: transaction, consistency };
}

/** A presentment, of an authorization (its remaining amount by default) or of none (a force post). */
export const simulateClearing: Route = {
  method: "POST",
  url: "/v1/simulate/clearings",
  scope: "authorizations:write",
  async handle({ request, caller, deps, write }) {
    testModeOnly(caller);
    const input = parseInput(clearingBody, request.body);
    const about = await subject(deps, caller.tenant, input);
    const presented = input.amount ?? about.remaining;
    if (presented <= 0) {
      throw new Problem(400, "parameter_invalid", "Nothing remains authorized: give an amount.", "amount");
    }
    return write(() =>
      clearOne(
        deps,
        request,
        caller,
        {
          kind: "presentment",
          arn: newArn(),
          authorization: about.network,
          sequence: input.sequence,
          count: input.count,
          amount: presented,
          currency: about.currency,
          merchant: input.merchant ?? about.merchant,
          settlementDate: settlementDay(),
          fee: 0,
        },
        about.cardId,
      ),
    );
  },
};

/** Money back to the card (a refund or a credit), of an earlier authorization's purchase or of none. */
export const simulateRefund: Route = {
  method: "POST",
  url: "/v1/simulate/refunds",
  scope: "authorizations:write",
  async handle({ request, caller, deps, write }) {
    testModeOnly(caller);
    const input = parseInput(refundBody, request.body);
    if (!input.card_id && !input.authorization_id) {
      throw new Problem(
        400,
        "parameter_missing",
        "Name the card_id to refund to (or the authorization_id).",
        "card_id",
      );
    }
    const about = await subject(deps, caller.tenant, input);
    return write(() =>
      clearOne(
        deps,
        request,
        caller,
        {
          kind: "refund",
          arn: newArn(),
          authorization: about.network,
          sequence: 1,
          count: 1,
          amount: input.amount,
          currency: about.currency,
          merchant: input.merchant ?? about.merchant,
          settlementDate: settlementDay(),
          fee: 0,
        },
        about.cardId,
      ),
    );
  },
};
