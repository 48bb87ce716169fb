import { fileURLToPath } from "node:url";
import type { KeyRing } from "@koban/config";
import type { Pool } from "@koban/db";
import { defineContext } from "@koban/messaging";
import type { Logger } from "@koban/observability";
import { partnerRepository } from "./adapters/partner-repository.ts";
import { httpSender, type UrlPolicy } from "./adapters/webhook-http.ts";
import { webhookRepository } from "./adapters/webhook-repository.ts";
import { loadWebhookSecretKeys, sqlSecretVault } from "./adapters/webhook-secrets.ts";
import {
  createApiKey,
  createPartner,
  createProgram,
  reactivatePartner,
  revokeApiKey,
  rollApiKey,
  suspendPartner,
} from "./application/handlers.ts";
import { webhookSecretReader } from "./application/read-webhook-secret.ts";
import { type RunningDeliverer, startWebhookDeliverer as startDeliverer } from "./application/webhook-deliverer.ts";
import { webhookHandlers } from "./application/webhook-handlers.ts";

export { refuseWebhookUrl, type UrlPolicy } from "./adapters/webhook-http.ts";
export { loadWebhookSecretKeys } from "./adapters/webhook-secrets.ts";
export type { WebhookEndpointSecret } from "./application/read-webhook-secret.ts";
export type { RunningDeliverer } from "./application/webhook-deliverer.ts";
export { generateApiKey, hashApiKey } from "./domain/api-key.ts";

let keys: KeyRing | undefined;
/** Read from the environment the first time a secret is sealed or opened; apps load them at start to fail early. */
const webhookSecretKeys = () => {
  keys ??= loadWebhookSecretKeys();
  return keys;
};
const vault = sqlSecretVault(webhookSecretKeys);
const webhooks = webhookHandlers(webhookRepository, vault);

export const partnerContext = defineContext({
  name: "partner",
  schema: "partner",
  migrations: fileURLToPath(new URL("../migrations", import.meta.url)),
  commands: [
    createPartner(partnerRepository),
    createApiKey(partnerRepository),
    revokeApiKey(partnerRepository),
    rollApiKey(partnerRepository),
    createProgram(partnerRepository),
    suspendPartner(partnerRepository),
    reactivatePartner(partnerRepository),
    ...webhooks.commands,
  ],
  events: [...webhooks.events],
});

/** `GET /v1/webhook_endpoints/{id}/secret`: the facade's direct read of an endpoint's signing secret. */
export const readWebhookEndpointSecret = webhookSecretReader(vault);

/** Delivers due webhooks from this process until stopped (the worker hosting `partner` runs it). */
export function startWebhookDeliverer(
  options: UrlPolicy & { pool: Pool; logger: Logger; timeoutMs: number; pollMs?: number; concurrency?: number },
): RunningDeliverer {
  return startDeliverer({
    ...options,
    store: webhookRepository,
    vault,
    send: httpSender({ allowPrivateAddresses: options.allowPrivateAddresses, timeoutMs: options.timeoutMs }),
  });
}
