import { idSchema, newId, RecordDeposit, type Tenant, TransferFunds } from "@koban/contracts";
import { consistencyToken } from "@koban/query";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { Problem } from "../http/problem.ts";
import { type ApiDeps, found, listPage, type Route, readAfterWrite } from "../http/route.ts";
import { parseInput } from "../http/validation.ts";
import { programOf } from "./card-issue.ts";

const amount = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const accountsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: idSchema("acct").optional(),
  cardholder_id: idSchema("ch").optional(),
  program_id: idSchema("prg").optional(),
});
const transfersQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: idSchema("tr").optional(),
  cardholder_id: idSchema("ch").optional(),
});
const transferBody = z.strictObject({
  type: z.enum(["load", "unload"]),
  cardholder_id: idSchema("ch"),
  amount,
  program_id: idSchema("prg").optional(),
});
const depositBody = z.strictObject({
  amount,
  program_id: idSchema("prg").optional(),
  description: z.string().trim().min(1).max(500).optional(),
});

function idParam(request: FastifyRequest, prefix: "acct" | "tr" | "dep", kind: string): string {
  const { id } = request.params as { id: string };
  if (!idSchema(prefix).safeParse(id).success)
    throw new Problem(404, "resource_not_found", `No such ${kind}: ${id}.`, "id");
  return id;
}

/** The program money moves in, and its currency: the only one of the tenant's unless named. */
async function programWithCurrency(deps: ApiDeps, tenant: Tenant, given: string | undefined) {
  const id = await programOf(deps, tenant, given);
  const program = await deps.query.programs.get.query({ tenant, id });
  if (!program) throw new Problem(422, "program_not_found", `No such program: ${id}.`, "program_id");
  return program;
}

export const listAccounts: Route = {
  method: "GET",
  url: "/v1/accounts",
  scope: "accounts:read",
  async handle({ request, caller, deps, consistency }) {
    const query = parseInput(accountsQuery, request.query);
    const page = await deps.query.accounts.list.query({
      tenant: caller.tenant,
      limit: query.limit,
      startingAfter: query.starting_after,
      cardholderId: query.cardholder_id,
      programId: query.program_id,
      consistency,
    });
    return listPage(page);
  },
};

export const getAccount: Route = {
  method: "GET",
  url: "/v1/accounts/:id",
  scope: "accounts:read",
  async handle({ request, caller, deps, consistency }) {
    const id = idParam(request, "acct", "account");
    return {
      status: 200,
      body: found(await deps.query.accounts.get.query({ tenant: caller.tenant, id, consistency }), "account", id),
    };
  },
};

/** A load moves money from the program's funding to the cardholder's balance; an unload moves it back. */
export const createTransfer: Route = {
  method: "POST",
  url: "/v1/transfers",
  scope: "accounts:write",
  async handle({ request, caller, deps, write }) {
    const body = parseInput(transferBody, request.body);
    const cardholder = await deps.query.cardholders.get.query({ tenant: caller.tenant, id: body.cardholder_id });
    if (!cardholder) {
      throw new Problem(422, "cardholder_not_found", `No such cardholder: ${body.cardholder_id}.`, "cardholder_id");
    }
    const program = await programWithCurrency(deps, caller.tenant, body.program_id);
    return write(async () => {
      const id = newId("tr");
      const outcome = await deps.commands.send(
        TransferFunds,
        {
          transfer_id: id,
          program_id: program.id,
          cardholder_id: body.cardholder_id,
          direction: body.type === "load" ? "to_cardholder" : "to_program",
          amount: body.amount,
          currency: program.currency,
        },
        caller.tenant,
        { type: "transfer", id },
      );
      if (outcome.status !== "accepted") return outcome;
      const consistency = consistencyToken(id, 1);
      const transfer = await readAfterWrite(() =>
        deps.query.transfers.get.query({ tenant: caller.tenant, id, consistency }),
      );
      return transfer
        ? { status: "created", body: transfer, consistency }
        : { status: "pending", operationId: outcome.operationId, consistency };
    });
  },
};

export const listTransfers: Route = {
  method: "GET",
  url: "/v1/transfers",
  scope: "accounts:read",
  async handle({ request, caller, deps, consistency }) {
    const query = parseInput(transfersQuery, request.query);
    const page = await deps.query.transfers.list.query({
      tenant: caller.tenant,
      limit: query.limit,
      startingAfter: query.starting_after,
      cardholderId: query.cardholder_id,
      consistency,
    });
    return listPage(page);
  },
};

export const getTransfer: Route = {
  method: "GET",
  url: "/v1/transfers/:id",
  scope: "accounts:read",
  async handle({ request, caller, deps, consistency }) {
    const id = idParam(request, "tr", "transfer");
    return {
      status: 200,
      body: found(await deps.query.transfers.get.query({ tenant: caller.tenant, id, consistency }), "transfer", id),
    };
  },
};

/** In live mode money arrives by bank transfer and Koban's staff record it; the sandbox makes it up. */
export const simulateDeposit: Route = {
  method: "POST",
  url: "/v1/simulate/deposits",
  scope: "accounts:write",
  async handle({ request, caller, deps, write }) {
    if (caller.tenant.livemode) {
      throw new Problem(403, "permission_denied", "Simulations work in test mode only: use a kb_test_ key.");
    }
    const body = parseInput(depositBody, request.body);
    const program = await programWithCurrency(deps, caller.tenant, body.program_id);
    return write(async () => {
      const id = newId("dep");
      const outcome = await deps.commands.send(
        RecordDeposit,
        {
          deposit_id: id,
          program_id: program.id,
          amount: body.amount,
          currency: program.currency,
          description: body.description ?? null,
        },
        caller.tenant,
        { type: "deposit", id },
      );
      if (outcome.status !== "accepted") return outcome;
      const consistency = consistencyToken(id, 1);
      const deposit = await readAfterWrite(() =>
        deps.query.deposits.get.query({ tenant: caller.tenant, id, consistency }),
      );
      return deposit
        ? { status: "created", body: deposit, consistency }
        : { status: "pending", operationId: outcome.operationId, consistency };
    });
  },
};

export const getDeposit: Route = {
  method: "GET",
  url: "/v1/deposits/:id",
  scope: "accounts:read",
  async handle({ request, caller, deps, consistency }) {
    const id = idParam(request, "dep", "deposit");
    return {
      status: 200,
      body: found(await deps.query.deposits.get.query({ tenant: caller.tenant, id, consistency }), "deposit", id),
    };
  },
};

export const moneyRoutes: Route[] = [
  getDeposit,
  listAccounts,
  getAccount,
  createTransfer,
  listTransfers,
  getTransfer,
  simulateDeposit,
];
