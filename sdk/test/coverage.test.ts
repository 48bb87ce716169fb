// Every operation of the contract has its SDK method, calling the contract's method and path: a
// path added to openapi/openapi.yaml fails here until the SDK gains its method.
import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { parse } from "yaml";
import { contractUrl } from "../scripts/openapi-types.ts";
import { Koban } from "../src/index.ts";
import { fakeFetch, json } from "./fake-fetch.ts";

const calls: Record<string, (koban: Koban) => PromiseLike<unknown>> = {
  createCardholder: (k) => k.cardholders.create({ type: "business", business: { legal_name: "K" } }),
  listCardholders: (k) => k.cardholders.list(),
  getCardholder: (k) => k.cardholders.retrieve("ch_1"),
  updateCardholder: (k) => k.cardholders.update("ch_1", { email: "a@example.com" }),
  listPrograms: (k) => k.programs.list(),
  getProgram: (k) => k.programs.retrieve("prg_1"),
  createCard: (k) => k.cards.create({ cardholder_id: "ch_1", type: "virtual" }),
  listCards: (k) => k.cards.list(),
  getCard: (k) => k.cards.retrieve("card_1"),
  updateCard: (k) => k.cards.update("card_1", { spend_controls: {} }),
  activateCard: (k) => k.cards.activate("card_1"),
  freezeCard: (k) => k.cards.freeze("card_1"),
  unfreezeCard: (k) => k.cards.unfreeze("card_1"),
  closeCard: (k) => k.cards.close("card_1", { reason: "lost" }),
  getCardDetails: (k) => k.cards.retrieveDetails("card_1"),
  listEvents: (k) => k.events.list(),
  getEvent: (k) => k.events.retrieve("evt_1"),
  createWebhookEndpoint: (k) => k.webhookEndpoints.create({ url: "https://example.com", enabled_events: ["*"] }),
  listWebhookEndpoints: (k) => k.webhookEndpoints.list(),
  getWebhookEndpoint: (k) => k.webhookEndpoints.retrieve("we_1"),
  updateWebhookEndpoint: (k) => k.webhookEndpoints.update("we_1", { status: "disabled" }),
  deleteWebhookEndpoint: (k) => k.webhookEndpoints.delete("we_1"),
  getWebhookEndpointSecret: (k) => k.webhookEndpoints.retrieveSecret("we_1"),
  rotateWebhookEndpointSecret: (k) => k.webhookEndpoints.rotateSecret("we_1"),
  listWebhookDeliveries: (k) => k.webhookEndpoints.deliveries.list("we_1"),
  getWebhookDelivery: (k) => k.webhookEndpoints.deliveries.retrieve("we_1", "whd_1"),
  retryWebhookDelivery: (k) => k.webhookEndpoints.deliveries.retry("we_1", "whd_1"),
  createFundingSource: (k) => k.fundingSources.create({ type: "prefunded" }),
  listFundingSources: (k) => k.fundingSources.list(),
  getFundingSource: (k) => k.fundingSources.retrieve("fs_1"),
  updateFundingSource: (k) => k.fundingSources.update("fs_1", { description: null }),
  getFundingSourceSecret: (k) => k.fundingSources.retrieveSecret("fs_1"),
  listAccounts: (k) => k.accounts.list(),
  getAccount: (k) => k.accounts.retrieve("acct_1"),
  createTransfer: (k) => k.transfers.create({ type: "load", cardholder_id: "ch_1", amount: 1 }),
  listTransfers: (k) => k.transfers.list(),
  getTransfer: (k) => k.transfers.retrieve("tr_1"),
  getDeposit: (k) => k.deposits.retrieve("dep_1"),
  listAuthorizations: (k) => k.authorizations.list(),
  getAuthorization: (k) => k.authorizations.retrieve("auth_1"),
  simulateAuthorization: (k) => k.simulate.authorization({ card_id: "card_1", amount: 1 }),
  simulateAuthorizationReversal: (k) => k.simulate.authorizationReversal("auth_1"),
  simulateAuthorizationIncrement: (k) => k.simulate.authorizationIncrement("auth_1", { amount: 1 }),
  simulateDeposit: (k) => k.simulate.deposit({ amount: 1 }),
  simulateCardholderKyc: (k) => k.simulate.cardholderKyc("ch_1", { status: "verified" }),
  listTransactions: (k) => k.transactions.list(),
  getTransaction: (k) => k.transactions.retrieve("txn_1"),
  simulateClearing: (k) => k.simulate.clearing({ authorization_id: "auth_1" }),
  simulateRefund: (k) => k.simulate.refund({ card_id: "card_1", amount: 1 }),
  listSettlements: (k) => k.settlements.list(),
  getSettlement: (k) => k.settlements.retrieve("stl_1"),
  exportSettlementCsv: (k) => k.settlements.exportCsv("stl_1"),
  getOperation: (k) => k.operations.retrieve("op_1"),
};

/** Each operation of the contract's `paths` (not its `webhooks`, which Koban sends, not serves): id, method, path. */
async function contractOperations() {
  const contract = parse(await readFile(contractUrl, "utf8"));
  const methods = ["get", "post", "put", "patch", "delete"];
  return Object.entries(contract.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
    ([path, item]) =>
      methods
        .filter((method) => item[method])
        .map((method) => ({ id: item[method]?.operationId as string, method: method.toUpperCase(), path })),
  );
}

it("has a method for every operation of the contract, sending its HTTP method to its path", async () => {
  const operations = await contractOperations();
  const missing = operations.filter((operation) => !calls[operation.id]).map((operation) => operation.id);
  expect(missing, "operations of openapi/openapi.yaml without an SDK method").toEqual([]);
  expect(Object.keys(calls).filter((id) => !operations.some((operation) => operation.id === id))).toEqual([]);

  for (const operation of operations) {
    const { fetch, seen } = fakeFetch(json(200, { object: "list", data: [], has_more: false, next_cursor: null }));
    await calls[operation.id]?.(new Koban({ apiKey: "kb_test_x", baseUrl: "https://koban.test", fetch }));
    const path = operation.path.replace(/\{[^}]+\}/g, "[^/]+");
    expect(`${seen[0]?.method} ${seen[0]?.url.pathname}`, operation.id).toMatch(
      new RegExp(`^${operation.method} ${path}$`),
    );
  }
});
