import { type ApiKeyScope, apiKeyScopes, CreateApiKey, newId, RevokeApiKey, RollApiKey } from "@koban/contracts";
import { generateApiKey } from "@koban/partner";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createApiKeyForm, rollApiKeyForm } from "../../shared/forms.ts";
import { sendAudited } from "../send-command.ts";
import { found, partnerProcedure, router } from "../trpc.ts";

const list = partnerProcedure(["developer", "read"]).query(({ ctx }) =>
  ctx.query.apiKeys.list.query({ tenant: ctx.tenant }),
);

/** The scopes a restricted key may be given, for the create form to offer. */
const scopes = partnerProcedure(["developer", "read"]).query(() => [...apiKeyScopes]);

const known: ReadonlySet<string> = new Set(apiKeyScopes);

/**
 * Makes a key in the page's mode: standard (every scope, now and later) or restricted to the
 * scopes given. The secret is answered this once: only its hash travels in the command, and
 * neither the audit log nor any table keeps it.
 */
const create = partnerProcedure(["developer", "write"])
  .input(createApiKeyForm)
  .mutation(async ({ ctx, input }) => {
    const unknown = input.kind === "restricted" ? input.scopes.filter((scope) => !known.has(scope)) : [];
    if (unknown.length) throw new TRPCError({ code: "BAD_REQUEST", message: `Unknown scope: ${unknown.join(", ")}` });
    const key = generateApiKey(ctx.tenant.livemode);
    const id = newId("key");
    const payload = {
      api_key_id: id,
      livemode: ctx.tenant.livemode,
      key_hash: key.hash,
      redacted_key: key.redacted,
      scopes: input.kind === "restricted" ? (input.scopes as ApiKeyScope[]) : null,
    };
    await sendAudited(ctx, {
      definition: CreateApiKey,
      payload,
      tenant: ctx.tenant,
      stream: { type: "api_key", id },
      action: "api_key.create",
      target: id,
      detail: { kind: input.kind, scopes: payload.scopes },
    });
    return { id, secret: key.key, redactedKey: key.redacted };
  });

const revoke = partnerProcedure(["developer", "write"])
  .input(z.object({ id: z.string().min(1).max(64) }))
  .mutation(async ({ ctx, input }) => {
    const keys = await ctx.query.apiKeys.list.query({ tenant: ctx.tenant });
    found(
      keys.find((key) => key.id === input.id),
      "API key",
    );
    await sendAudited(ctx, {
      definition: RevokeApiKey,
      payload: { api_key_id: input.id },
      tenant: ctx.tenant,
      stream: { type: "api_key", id: input.id },
      action: "api_key.revoke",
      target: input.id,
    });
    return { id: input.id };
  });

/**
 * A new key in the old one's mode, kind and scopes, its secret answered this once; the old key keeps
 * working until `expiresInSeconds` from now (0: it stops at once), as `partner` rules.
 */
const roll = partnerProcedure(["developer", "write"])
  .input(rollApiKeyForm.extend({ id: z.string().min(1).max(64) }))
  .mutation(async ({ ctx, input }) => {
    const keys = await ctx.query.apiKeys.list.query({ tenant: ctx.tenant });
    const old = found(
      keys.find((key) => key.id === input.id),
      "API key",
    );
    const key = generateApiKey(ctx.tenant.livemode);
    const id = newId("key");
    const payload = {
      api_key_id: old.id,
      new_api_key: { api_key_id: id, key_hash: key.hash, redacted_key: key.redacted },
      expires_in_seconds: input.expiresInSeconds,
    };
    await sendAudited(ctx, {
      definition: RollApiKey,
      payload,
      tenant: ctx.tenant,
      stream: { type: "api_key", id: old.id },
      action: "api_key.roll",
      target: old.id,
      detail: { new_api_key_id: id, expires_in_seconds: input.expiresInSeconds },
    });
    return { id, secret: key.key, redactedKey: key.redacted };
  });

export const apiKeysRouter = router({ list, scopes, create, revoke, roll });
