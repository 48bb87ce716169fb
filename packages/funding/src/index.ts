import { fileURLToPath } from "node:url";
import { type KeyRing, loadEnv, webhookEnv } from "@koban/config";
import { defineContext } from "@koban/messaging";
import { fundingRepository } from "./adapters/funding-repository.ts";
import { loadFundingSecretKeys, sqlSecretVault } from "./adapters/funding-secrets.ts";
import { httpGateway, type UrlPolicy } from "./adapters/gateway-http.ts";
import { cancelFunding, confirmFunding, decideFunding } from "./application/authorization-handlers.ts";
import type { AskGateway } from "./application/ports.ts";
import { fundingSecretReader } from "./application/read-secret.ts";
import { copyCard, copyProgram, createFundingSource, updateFundingSource } from "./application/source-handlers.ts";

export { loadFundingSecretKeys } from "./adapters/funding-secrets.ts";
export { refuseGatewayUrl } from "./adapters/gateway-http.ts";
export type { FundingSourceSecret } from "./application/read-secret.ts";

let keys: KeyRing | undefined;
/** Read from the environment the first time a secret is sealed or opened; apps load them at start to fail early. */
const fundingSecretKeys = () => {
  keys ??= loadFundingSecretKeys();
  return keys;
};
const vault = sqlSecretVault(fundingSecretKeys);

let policy: UrlPolicy | undefined;
/** Gateways get webhooks' address policy (WEBHOOK_ALLOW_PRIVATE_URLS), read when first needed. */
const urlPolicy = (): UrlPolicy => {
  policy ??= { allowPrivateAddresses: loadEnv(webhookEnv).WEBHOOK_ALLOW_PRIVATE_URLS };
  return policy;
};

/** The context with its gateway caller; tests give their own. */
export function fundingContextWith(askGateway: AskGateway) {
  return defineContext({
    name: "funding",
    schema: "funding",
    migrations: fileURLToPath(new URL("../migrations", import.meta.url)),
    commands: [createFundingSource(fundingRepository, vault), updateFundingSource(fundingRepository)],
    events: [
      copyCard(fundingRepository),
      copyProgram(fundingRepository),
      decideFunding(fundingRepository, vault, askGateway),
      confirmFunding(fundingRepository),
      cancelFunding(fundingRepository),
    ],
    // The decision may call a partner's gateway: a batch rolled back and redelivered one by one
    // would call it again.
    batching: false,
  });
}

export const fundingContext = fundingContextWith(httpGateway(urlPolicy));

/** `GET /v1/funding_sources/{id}/secret`: the facade's direct read of a gateway's signing secret. */
export const readFundingSourceSecret = fundingSecretReader(fundingRepository, vault);
