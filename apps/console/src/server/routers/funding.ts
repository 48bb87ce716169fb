import { type DomainErrorData, newId, RecordDeposit, type Tenant, TransferFunds } from "@koban/contracts";
import { consistencyToken } from "@koban/query";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { depositForm, transferForm } from "../../shared/forms.ts";
import { money } from "../../ui/format.ts";
import { sendAudited } from "../send-command.ts";
import { type ConsoleDeps, found, partnerProcedure, refused, router } from "../trpc.ts";

const page = {
  limit: z.number().int().min(1).max(100).default(25),
  startingAfter: z.string().max(64).optional(),
};

/** The tenant's programs: where money is held, in which currency and time zone. */
const programs = partnerProcedure(["funding", "read"]).query(async ({ ctx }) => {
  const list = await ctx.query.programs.list.query({ tenant: ctx.tenant, limit: 100 });
  return list.data.map((program) => ({
    id: program.id,
    name: program.name,
    currency: program.currency,
    timezone: program.timezone,
  }));
});

const sources = partnerProcedure(["funding", "read"])
  .input(z.object(page))
  .query(({ ctx, input }) => ctx.query.fundingSources.list.query({ tenant: ctx.tenant, ...input }));

const balances = partnerProcedure(["funding", "read"])
  .input(
    z.object({
      ...page,
      type: z.enum(["program_funding", "cardholder_prepaid"]).optional(),
      cardholderId: z.string().max(64).optional(),
    }),
  )
  .query(({ ctx, input }) => ctx.query.accounts.list.query({ tenant: ctx.tenant, ...input }));

const transfers = partnerProcedure(["funding", "read"])
  .input(
    z.object({ ...page, type: z.enum(["load", "unload"]).optional(), cardholderId: z.string().max(64).optional() }),
  )
  .query(({ ctx, input }) => ctx.query.transfers.list.query({ tenant: ctx.tenant, ...input }));

/** The program money moves in: the one named (it must be the tenant's), else the tenant's only one. */
async function programOf(deps: ConsoleDeps, tenant: Tenant, given: string | undefined) {
  if (given) return found(await deps.query.programs.get.query({ tenant, id: given }), "program");
  const list = await deps.query.programs.list.query({ tenant, limit: 2 });
  const only = list.data.length === 1 ? list.data[0] : undefined;
  if (!only) throw new TRPCError({ code: "BAD_REQUEST", message: "Choose a program." });
  return only;
}

/** What the money would leave: the program's funding for a load, the cardholder's balance for an unload. */
async function sourceAvailable(
  deps: ConsoleDeps,
  tenant: Tenant,
  input: { type: "load" | "unload"; cardholderId: string },
  program: { id: string; currency: string },
): Promise<string | null> {
  const filter = input.type === "load" ? { programId: program.id } : { cardholderId: input.cardholderId };
  const accounts = await deps.query.accounts.list.query({ tenant, limit: 10, ...filter });
  const account = accounts.data.find((candidate) => candidate.currency === program.currency);
  return account ? money(account.balances.available, account.currency) : null;
}

/** The ledger's refusal in the words of the form that sent it. */
async function transferRefused(
  deps: ConsoleDeps,
  tenant: Tenant,
  error: DomainErrorData,
  input: { type: "load" | "unload"; cardholderId: string },
  program: { id: string; currency: string },
): Promise<TRPCError> {
  const source = input.type === "load" ? "the program's funding" : "the cardholder's balance";
  if (error.code === "insufficient_funds") {
    const available = await sourceAvailable(deps, tenant, input, program).catch(() => null);
    const has = available ? `has only ${available} available` : "holds less than this amount";
    return refused({ ...error, message: `Insufficient funds: ${source} ${has}.` });
  }
  if (error.code === "account_not_found") {
    return refused({ ...error, status: 422, message: `Insufficient funds: ${source} has no money yet.` });
  }
  return refused(error);
}

const transfer = partnerProcedure(["funding", "write"])
  .input(transferForm.extend({ programId: z.string().max(64).optional() }))
  .mutation(async ({ ctx, input }) => {
    const cardholder = found(
      await ctx.query.cardholders.get.query({ tenant: ctx.tenant, id: input.cardholderId }),
      "cardholder",
    );
    const program = await programOf(ctx, ctx.tenant, input.programId);
    const id = newId("tr");
    const outcome = await sendAudited(ctx, {
      definition: TransferFunds,
      payload: {
        transfer_id: id,
        program_id: program.id,
        cardholder_id: cardholder.id,
        direction: input.type === "load" ? "to_cardholder" : "to_program",
        amount: input.amount,
        currency: program.currency,
      },
      tenant: ctx.tenant,
      stream: { type: "transfer", id },
      action: `funding.${input.type}`,
      target: id,
      detail: { cardholder_id: cardholder.id, amount: input.amount, currency: program.currency },
      refusal: (error) => transferRefused(ctx, ctx.tenant, error, input, program),
    });
    if (outcome.status === "pending") return { id, pending: true as const };
    // Answer once the read model has it, so the page's next read shows the transfer and the new balances.
    await ctx.query.transfers.get
      .query({ tenant: ctx.tenant, id, consistency: consistencyToken(id, 1) })
      .catch(() => {});
    return { id, pending: false as const };
  });

const deposit = partnerProcedure(["funding", "write"])
  .input(depositForm.extend({ programId: z.string().max(64).optional() }))
  .mutation(async ({ ctx, input }) => {
    if (ctx.tenant.livemode) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Deposits are simulated in test mode only." });
    }
    const program = await programOf(ctx, ctx.tenant, input.programId);
    const id = newId("dep");
    const outcome = await sendAudited(ctx, {
      definition: RecordDeposit,
      payload: {
        deposit_id: id,
        program_id: program.id,
        amount: input.amount,
        currency: program.currency,
        description: input.description || null,
      },
      tenant: ctx.tenant,
      stream: { type: "deposit", id },
      action: "funding.deposit",
      target: id,
      detail: { program_id: program.id, amount: input.amount, currency: program.currency },
    });
    if (outcome.status === "pending") return { id, pending: true as const };
    await ctx.query.deposits.get
      .query({ tenant: ctx.tenant, id, consistency: consistencyToken(id, 1) })
      .catch(() => {});
    return { id, pending: false as const };
  });

export const fundingRouter = router({ programs, sources, balances, transfers, transfer, deposit });
