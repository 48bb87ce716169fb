import type { CommandOutcome } from "@koban/command-gateway";
import { type DomainErrorData, FreezeCard, type Tenant } from "@koban/contracts";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { type AuditedCommand, type CommandContext, sendAudited } from "../src/server/send-command.ts";

type AuditLine = Parameters<CommandContext["audit"]>[0];

const tenant: Tenant = { partnerId: "ptn_test", livemode: false };
const refusal: DomainErrorData = { code: "card_closed", status: 409, message: "The card is closed." };
const freeze: AuditedCommand<typeof FreezeCard> = {
  definition: FreezeCard,
  payload: { card_id: "card_1" },
  tenant,
  stream: { type: "card", id: "card_1" },
  action: "card.freeze",
  target: "card_1",
  detail: { reason: "lost" },
};

/** A gateway that answers every command with the outcome given, and the audit lines written. */
function fake(outcome: CommandOutcome<typeof FreezeCard>) {
  const sent: unknown[] = [];
  const lines: AuditLine[] = [];
  const ctx = {
    commands: {
      send: async (...args: unknown[]) => {
        sent.push(args);
        return outcome as never;
      },
    },
    audit: async (line: AuditLine) => {
      lines.push(line);
    },
  };
  return { ctx, sent, lines };
}

const accepted = { status: "accepted", operationId: "op_1", result: { card_id: "card_1", stream_version: 2 } };

describe("sendAudited", () => {
  it("sends the command to its stream and audits it succeeded", async () => {
    const { ctx, sent, lines } = fake(accepted as never);
    const outcome = await sendAudited(ctx, freeze);
    expect(outcome.status).toBe("accepted");
    expect(sent).toEqual([[FreezeCard, { card_id: "card_1" }, tenant, { type: "card", id: "card_1" }]]);
    expect(lines).toEqual([
      { action: "card.freeze", target: "card_1", tenant, outcome: "succeeded", detail: { reason: "lost" } },
    ]);
  });

  it("audits a command not answered in time as pending and returns it", async () => {
    const { ctx, lines } = fake({ status: "pending", operationId: "op_1" });
    expect((await sendAudited(ctx, freeze)).status).toBe("pending");
    expect(lines).toEqual([
      { action: "card.freeze", target: "card_1", tenant, outcome: "pending", detail: { reason: "lost" } },
    ]);
  });

  it("audits a refusal as failed with its code and throws it as the procedure's error", async () => {
    const { ctx, lines } = fake({ status: "rejected", operationId: "op_1", error: refusal });
    const error = await sendAudited(ctx, freeze).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: "CONFLICT", message: "The card is closed." });
    expect(lines).toEqual([
      {
        action: "card.freeze",
        target: "card_1",
        tenant,
        outcome: "failed",
        detail: { reason: "lost", code: "card_closed" },
      },
    ]);
  });

  it("throws the procedure's own words for a refusal when it has them", async () => {
    const { ctx } = fake({ status: "rejected", operationId: "op_1", error: refusal });
    const own = new TRPCError({ code: "BAD_REQUEST", message: "Unfreeze it first." });
    await expect(sendAudited(ctx, { ...freeze, refusal: async () => own })).rejects.toBe(own);
  });

  it("names what the success made where that differs from what was asked", async () => {
    const { ctx, lines } = fake(accepted as never);
    await sendAudited(ctx, { ...freeze, succeeded: { target: "card_2", detail: { from: "card_1" } } });
    expect(lines).toEqual([
      { action: "card.freeze", target: "card_2", tenant, outcome: "succeeded", detail: { from: "card_1" } },
    ]);
  });
});
