import { fileURLToPath } from "node:url";
import { defineContext } from "@koban/messaging";
import { cardRepository } from "./adapters/card-repository.ts";
import type { VaultKeys } from "./adapters/vault.ts";
import { loadVaultKeys } from "./adapters/vault-config.ts";
import { sqlCardVault } from "./adapters/vault-repository.ts";
import { cardAuthorizationHandlers } from "./application/authorization.ts";
import { copyCardholders } from "./application/copy-cardholders.ts";
import { copyPartners } from "./application/copy-partners.ts";
import { copyCreatedProgram } from "./application/copy-programs.ts";
import { issueCard, replaceCard } from "./application/issue-card.ts";
import {
  activateCard,
  closeCard,
  freezeCard,
  liftCardComplianceHold,
  placeCardComplianceHold,
  unfreezeCard,
  updateCardSpendControls,
} from "./application/lifecycle.ts";
import { cardDetailsReader } from "./application/read-card-details.ts";

let keys: VaultKeys | undefined;
/** Read from the environment the first time a secret is needed; apps may call loadVaultKeys at start-up to fail early. */
const vaultKeys = () => {
  keys ??= loadVaultKeys();
  return keys;
};
const vault = sqlCardVault(vaultKeys);

export const cardContext = defineContext({
  name: "card",
  schema: "card",
  migrations: fileURLToPath(new URL("../migrations", import.meta.url)),
  commands: [
    issueCard(cardRepository, vault),
    replaceCard(cardRepository, vault),
    activateCard(cardRepository),
    freezeCard(cardRepository),
    unfreezeCard(cardRepository),
    closeCard(cardRepository),
    updateCardSpendControls(cardRepository),
    placeCardComplianceHold(cardRepository),
    liftCardComplianceHold(cardRepository),
  ],
  events: [
    copyCreatedProgram(cardRepository),
    ...copyCardholders(cardRepository),
    ...copyPartners(cardRepository),
    ...cardAuthorizationHandlers(cardRepository, vault),
  ],
});

/** `GET /v1/cards/{id}/details`: the facade's direct, audited read of a card's number and code. */
export const readCardDetails = cardDetailsReader(cardRepository, vault);

export { cardRepository } from "./adapters/card-repository.ts";
export { loadVaultKeys } from "./adapters/vault-config.ts";
export type { SensitiveReadActor } from "./application/card-store.ts";
export type { CardDetails } from "./application/read-card-details.ts";
export { replayCard } from "./domain/replay.ts";
