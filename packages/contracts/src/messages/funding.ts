import { z } from "zod";
import { defineCommand, defineEvent } from "../define.ts";
import { idSchema } from "../ids.ts";

const fundingSourceId = idSchema("fs");

/**
 * `prefunded`: the money is the cardholder's prepaid balance in the ledger (loaded by transfers).
 * `jit_gateway`: the partner's endpoint decides each authorization; the money is the program's
 * funding account. A new kind of source is a new value here and a new adapter in `funding`.
 */
export const fundingSourceTypes = ["prefunded", "jit_gateway"] as const;

/** What decides when the partner's gateway does not answer in time, or answers badly. */
export const standInRules = ["approve", "decline"] as const;

/** The gateway's deadline nests inside processing's decision deadline (2 s by default). */
export const defaultGatewayDeadlineMs = 1_500;
export const maxGatewayDeadlineMs = 1_800;

export const jitGateway = z.object({
  url: z.url().max(2048),
  deadline_ms: z.number().int().min(100).max(maxGatewayDeadlineMs),
  stand_in: z.enum(standInRules),
});
export type JitGateway = z.infer<typeof jitGateway>;

/** A source's whole state; `jit_gateway` is set exactly when `type` is `jit_gateway` (funding refuses otherwise). */
const sourceState = z.object({
  type: z.enum(fundingSourceTypes),
  description: z.string().max(500).nullable(),
  jit_gateway: jitGateway.nullable(),
});

/** The source's stream version after the command: the facade's read-your-write token. */
const sourceWritten = z.object({ funding_source_id: fundingSourceId, stream_version: z.number().int().min(1) });

/**
 * The command's tenant owns the source. For a gateway, `funding` makes its signing secret and
 * keeps it sealed; no message ever carries it (the facade reads it directly).
 */
export const CreateFundingSource = defineCommand("CreateFundingSource", {
  context: "funding",
  schema: sourceState.extend({ funding_source_id: fundingSourceId }),
  result: sourceWritten,
});

/** The type never changes; a gateway's fields change one by one. */
export const UpdateFundingSource = defineCommand("UpdateFundingSource", {
  context: "funding",
  schema: z.object({
    funding_source_id: fundingSourceId,
    description: z.string().max(500).nullable().optional(),
    jit_gateway: jitGateway.partial().optional(),
  }),
  result: sourceWritten,
});

/** On the source's stream (`fs_…`), in its tenant; each carries the source's whole state after it. */
export const FundingSourceCreated = defineEvent("FundingSourceCreated", {
  context: "funding",
  schema: sourceState.extend({ funding_source_id: fundingSourceId, created_at: z.iso.datetime() }),
});

export const FundingSourceUpdated = defineEvent("FundingSourceUpdated", {
  context: "funding",
  schema: sourceState.extend({ funding_source_id: fundingSourceId, updated_at: z.iso.datetime() }),
});
