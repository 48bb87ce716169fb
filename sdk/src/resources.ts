import type { Koban, RequestOptions } from "./client.ts";
import type { ApiPromise, PagePromise } from "./responses.ts";
import type {
  Account,
  AccountListParams,
  Authorization,
  AuthorizationIncrementSimulationParams,
  AuthorizationListParams,
  AuthorizationReversalSimulationParams,
  AuthorizationSimulationParams,
  Card,
  CardCloseParams,
  CardCreateParams,
  CardDetails,
  Cardholder,
  CardholderCreateParams,
  CardholderListParams,
  CardholderUpdateParams,
  CardListParams,
  CardUpdateParams,
  ClearingSimulationParams,
  DeletedWebhookEndpoint,
  Deposit,
  DepositSimulationParams,
  Event,
  EventListParams,
  FundingSource,
  FundingSourceCreateParams,
  FundingSourceListParams,
  FundingSourceSecret,
  FundingSourceUpdateParams,
  KycSimulationParams,
  Operation,
  Program,
  ProgramListParams,
  RefundSimulationParams,
  Settlement,
  SettlementListParams,
  Transaction,
  TransactionListParams,
  Transfer,
  TransferCreateParams,
  TransferListParams,
  WebhookDelivery,
  WebhookDeliveryListParams,
  WebhookEndpoint,
  WebhookEndpointCreateParams,
  WebhookEndpointListParams,
  WebhookEndpointSecret,
  WebhookEndpointUpdateParams,
  WebhookSecretRotateParams,
} from "./types.ts";

const id = (value: string) => encodeURIComponent(value);

abstract class Resource {
  constructor(protected readonly koban: Koban) {}
}

/** `/v1/cardholders`: the people and companies you issue cards to. */
export class Cardholders extends Resource {
  create(params: CardholderCreateParams, options?: RequestOptions): ApiPromise<Cardholder> {
    return this.koban.request({ method: "POST", path: "/v1/cardholders", body: params }, options);
  }
  retrieve(cardholderId: string, options?: RequestOptions): ApiPromise<Cardholder> {
    return this.koban.request({ method: "GET", path: `/v1/cardholders/${id(cardholderId)}` }, options);
  }
  update(cardholderId: string, params: CardholderUpdateParams, options?: RequestOptions): ApiPromise<Cardholder> {
    return this.koban.request({ method: "PATCH", path: `/v1/cardholders/${id(cardholderId)}`, body: params }, options);
  }
  list(params?: CardholderListParams, options?: RequestOptions): PagePromise<Cardholder> {
    return this.koban.requestPage("/v1/cardholders", params, options);
  }
}

/** `/v1/cards`: issue, change, freeze and close cards, and read a card's number. */
export class Cards extends Resource {
  /** Issues a card, or a replacement (`replacement_for`, `replacement_reason`). */
  create(params: CardCreateParams, options?: RequestOptions): ApiPromise<Card> {
    return this.koban.request({ method: "POST", path: "/v1/cards", body: params }, options);
  }
  retrieve(cardId: string, options?: RequestOptions): ApiPromise<Card> {
    return this.koban.request({ method: "GET", path: `/v1/cards/${id(cardId)}` }, options);
  }
  /** Replaces the card's spend controls whole. */
  update(cardId: string, params: CardUpdateParams, options?: RequestOptions): ApiPromise<Card> {
    return this.koban.request({ method: "PATCH", path: `/v1/cards/${id(cardId)}`, body: params }, options);
  }
  list(params?: CardListParams, options?: RequestOptions): PagePromise<Card> {
    return this.koban.requestPage("/v1/cards", params, options);
  }
  activate(cardId: string, options?: RequestOptions): ApiPromise<Card> {
    return this.koban.request({ method: "POST", path: `/v1/cards/${id(cardId)}/activate` }, options);
  }
  freeze(cardId: string, options?: RequestOptions): ApiPromise<Card> {
    return this.koban.request({ method: "POST", path: `/v1/cards/${id(cardId)}/freeze` }, options);
  }
  unfreeze(cardId: string, options?: RequestOptions): ApiPromise<Card> {
    return this.koban.request({ method: "POST", path: `/v1/cards/${id(cardId)}/unfreeze` }, options);
  }
  /** Closes the card for good. */
  close(cardId: string, params: CardCloseParams, options?: RequestOptions): ApiPromise<Card> {
    return this.koban.request({ method: "POST", path: `/v1/cards/${id(cardId)}/close`, body: params }, options);
  }
  /** The full number and security code. Needs `cards:read_sensitive`; audited. Never log or store the answer. */
  retrieveDetails(cardId: string, options?: RequestOptions): ApiPromise<CardDetails> {
    return this.koban.request({ method: "GET", path: `/v1/cards/${id(cardId)}/details` }, options);
  }
}

/** `/v1/programs`: your card programs (read only). */
export class Programs extends Resource {
  retrieve(programId: string, options?: RequestOptions): ApiPromise<Program> {
    return this.koban.request({ method: "GET", path: `/v1/programs/${id(programId)}` }, options);
  }
  list(params?: ProgramListParams, options?: RequestOptions): PagePromise<Program> {
    return this.koban.requestPage("/v1/programs", params, options);
  }
}

/** `/v1/events`: what happened to your resources, the same payloads webhooks deliver. */
export class Events extends Resource {
  retrieve(eventId: string, options?: RequestOptions): ApiPromise<Event> {
    return this.koban.request({ method: "GET", path: `/v1/events/${id(eventId)}` }, options);
  }
  list(params?: EventListParams, options?: RequestOptions): PagePromise<Event> {
    return this.koban.requestPage("/v1/events", params, options);
  }
}

/**
 * `/v1/operations`: writes answered `202 Accepted`. The SDK follows them itself (a write's
 * promise resolves with the object once done), so you need this only for an id you kept.
 */
export class Operations extends Resource {
  retrieve(operationId: string, options?: RequestOptions): ApiPromise<Operation> {
    return this.koban.request({ method: "GET", path: `/v1/operations/${id(operationId)}` }, options);
  }
}

/** `/v1/funding_sources`: where the money for your cards' authorizations comes from. */
export class FundingSources extends Resource {
  /** A `prefunded` source, or a `jit_gateway` source whose URL decides each authorization. */
  create(params: FundingSourceCreateParams, options?: RequestOptions): ApiPromise<FundingSource> {
    return this.koban.request({ method: "POST", path: "/v1/funding_sources", body: params }, options);
  }
  retrieve(fundingSourceId: string, options?: RequestOptions): ApiPromise<FundingSource> {
    return this.koban.request({ method: "GET", path: `/v1/funding_sources/${id(fundingSourceId)}` }, options);
  }
  /** Changes the fields you send; a gateway's fields change one by one. */
  update(
    fundingSourceId: string,
    params: FundingSourceUpdateParams,
    options?: RequestOptions,
  ): ApiPromise<FundingSource> {
    return this.koban.request(
      { method: "PATCH", path: `/v1/funding_sources/${id(fundingSourceId)}`, body: params },
      options,
    );
  }
  list(params?: FundingSourceListParams, options?: RequestOptions): PagePromise<FundingSource> {
    return this.koban.requestPage("/v1/funding_sources", params, options);
  }
  /** The secret (`whsec_…`) funding requests to a `jit_gateway` source are signed with. Needs `funding:write`. */
  retrieveSecret(fundingSourceId: string, options?: RequestOptions): ApiPromise<FundingSourceSecret> {
    return this.koban.request({ method: "GET", path: `/v1/funding_sources/${id(fundingSourceId)}/secret` }, options);
  }
}

/** `/v1/accounts`: each program's funding account and each cardholder's prepaid balance (read only). */
export class Accounts extends Resource {
  retrieve(accountId: string, options?: RequestOptions): ApiPromise<Account> {
    return this.koban.request({ method: "GET", path: `/v1/accounts/${id(accountId)}` }, options);
  }
  list(params?: AccountListParams, options?: RequestOptions): PagePromise<Account> {
    return this.koban.requestPage("/v1/accounts", params, options);
  }
}

/** `/v1/transfers`: money moved between a program's funding account and a cardholder's balance. */
export class Transfers extends Resource {
  /** A `load` (program to cardholder) or an `unload` (back); `422 insufficient_funds` when the source has too little. */
  create(params: TransferCreateParams, options?: RequestOptions): ApiPromise<Transfer> {
    return this.koban.request({ method: "POST", path: "/v1/transfers", body: params }, options);
  }
  retrieve(transferId: string, options?: RequestOptions): ApiPromise<Transfer> {
    return this.koban.request({ method: "GET", path: `/v1/transfers/${id(transferId)}` }, options);
  }
  list(params?: TransferListParams, options?: RequestOptions): PagePromise<Transfer> {
    return this.koban.requestPage("/v1/transfers", params, options);
  }
}

/** `/v1/deposits`: money that reached a program's funding account (simulated in test mode). */
export class Deposits extends Resource {
  retrieve(depositId: string, options?: RequestOptions): ApiPromise<Deposit> {
    return this.koban.request({ method: "GET", path: `/v1/deposits/${id(depositId)}` }, options);
  }
}

/** `/v1/authorizations`: the network's requests to let your cards pay, and how Koban decided them (read only). */
export class Authorizations extends Resource {
  /** One authorization with its `timeline`: each participant's verdict, the decision, the settlements. */
  retrieve(authorizationId: string, options?: RequestOptions): ApiPromise<Authorization> {
    return this.koban.request({ method: "GET", path: `/v1/authorizations/${id(authorizationId)}` }, options);
  }
  list(params?: AuthorizationListParams, options?: RequestOptions): PagePromise<Authorization> {
    return this.koban.requestPage("/v1/authorizations", params, options);
  }
}

/** `/v1/transactions`: what the network cleared and Koban posted: purchases, refunds, force posts (read only). */
export class Transactions extends Resource {
  /** One posted transaction, linked to the authorization it cleared. */
  retrieve(transactionId: string, options?: RequestOptions): ApiPromise<Transaction> {
    return this.koban.request({ method: "GET", path: `/v1/transactions/${id(transactionId)}` }, options);
  }
  list(params?: TransactionListParams, options?: RequestOptions): PagePromise<Transaction> {
    return this.koban.requestPage("/v1/transactions", params, options);
  }
}

/** `/v1/settlements`: each day's settlement with the card network, per mode and currency (read only). */
export class Settlements extends Resource {
  retrieve(settlementId: string, options?: RequestOptions): ApiPromise<Settlement> {
    return this.koban.request({ method: "GET", path: `/v1/settlements/${id(settlementId)}` }, options);
  }
  list(params?: SettlementListParams, options?: RequestOptions): PagePromise<Settlement> {
    return this.koban.requestPage("/v1/settlements", params, options);
  }
  /** The settlement's transactions as CSV (a header, then one row per transaction), as a string. */
  exportCsv(settlementId: string, options?: RequestOptions): ApiPromise<string> {
    return this.koban.request(
      { method: "GET", path: `/v1/settlements/${id(settlementId)}/csv`, responseType: "text" },
      options,
    );
  }
}

/** `/v1/simulate`: test mode only; make happen what, in live mode, happens to you. */
export class Simulate extends Resource {
  /** Records a KYC result for a cardholder, as Koban's compliance staff would. */
  cardholderKyc(cardholderId: string, params: KycSimulationParams, options?: RequestOptions): ApiPromise<Cardholder> {
    return this.koban.request(
      { method: "POST", path: `/v1/simulate/cardholders/${id(cardholderId)}/kyc`, body: params },
      options,
    );
  }
  /** Money arriving in a program's funding account, as your bank transfer would in live mode. */
  deposit(params: DepositSimulationParams, options?: RequestOptions): ApiPromise<Deposit> {
    return this.koban.request({ method: "POST", path: "/v1/simulate/deposits", body: params }, options);
  }
  /**
   * The card network asks to let a card pay, through Koban's network gateway as real traffic does;
   * resolves with the authorization once decided (`pending` if approved, `declined` otherwise).
   */
  authorization(params: AuthorizationSimulationParams, options?: RequestOptions): ApiPromise<Authorization> {
    return this.koban.request({ method: "POST", path: "/v1/simulate/authorizations", body: params }, options);
  }
  /**
   * The merchant releases all of an approved authorization, or `amount` of it; resolves with the
   * authorization after (`reversed` once nothing remains).
   */
  authorizationReversal(
    authorizationId: string,
    params: AuthorizationReversalSimulationParams = {},
    options?: RequestOptions,
  ): ApiPromise<Authorization> {
    return this.koban.request(
      { method: "POST", path: `/v1/simulate/authorizations/${id(authorizationId)}/reverse`, body: params },
      options,
    );
  }
  /** The merchant asks for `amount` more on an approved authorization; resolves with the increment's own authorization. */
  authorizationIncrement(
    authorizationId: string,
    params: AuthorizationIncrementSimulationParams,
    options?: RequestOptions,
  ): ApiPromise<Authorization> {
    return this.koban.request(
      { method: "POST", path: `/v1/simulate/authorizations/${id(authorizationId)}/increment`, body: params },
      options,
    );
  }
  /**
   * The network clears a purchase in its clearing file: of an authorization (its remaining amount
   * unless `amount` says otherwise), or of a card with no authorization (a force post); resolves
   * with the transaction once posted.
   */
  clearing(params: ClearingSimulationParams, options?: RequestOptions): ApiPromise<Transaction> {
    return this.koban.request({ method: "POST", path: "/v1/simulate/clearings", body: params }, options);
  }
  /** The network clears a refund to a card; resolves with the transaction once posted. */
  refund(params: RefundSimulationParams, options?: RequestOptions): ApiPromise<Transaction> {
    return this.koban.request({ method: "POST", path: "/v1/simulate/refunds", body: params }, options);
  }
}

const deliveryPath = (endpointId: string, deliveryId: string) =>
  `/v1/webhook_endpoints/${id(endpointId)}/deliveries/${id(deliveryId)}`;

/** `/v1/webhook_endpoints/{id}/deliveries`: each event sent to an endpoint, with its attempts. */
export class WebhookDeliveries extends Resource {
  retrieve(endpointId: string, deliveryId: string, options?: RequestOptions): ApiPromise<WebhookDelivery> {
    return this.koban.request({ method: "GET", path: deliveryPath(endpointId, deliveryId) }, options);
  }
  list(endpointId: string, params?: WebhookDeliveryListParams, options?: RequestOptions): PagePromise<WebhookDelivery> {
    return this.koban.requestPage(`/v1/webhook_endpoints/${id(endpointId)}/deliveries`, params, options);
  }
  /** Sends the delivery's event again now, with the same `webhook-id`. */
  retry(endpointId: string, deliveryId: string, options?: RequestOptions): ApiPromise<WebhookDelivery> {
    const path = deliveryPath(endpointId, deliveryId);
    return this.koban.request({ method: "POST", path: `${path}/retry`, afterOperation: path }, options);
  }
}

/** `/v1/webhook_endpoints`: the URLs of yours that Koban delivers events to, signed. */
export class WebhookEndpoints extends Resource {
  readonly deliveries = new WebhookDeliveries(this.koban);

  create(params: WebhookEndpointCreateParams, options?: RequestOptions): ApiPromise<WebhookEndpoint> {
    return this.koban.request({ method: "POST", path: "/v1/webhook_endpoints", body: params }, options);
  }
  retrieve(endpointId: string, options?: RequestOptions): ApiPromise<WebhookEndpoint> {
    return this.koban.request({ method: "GET", path: `/v1/webhook_endpoints/${id(endpointId)}` }, options);
  }
  update(
    endpointId: string,
    params: WebhookEndpointUpdateParams,
    options?: RequestOptions,
  ): ApiPromise<WebhookEndpoint> {
    return this.koban.request(
      { method: "PATCH", path: `/v1/webhook_endpoints/${id(endpointId)}`, body: params },
      options,
    );
  }
  list(params?: WebhookEndpointListParams, options?: RequestOptions): PagePromise<WebhookEndpoint> {
    return this.koban.requestPage("/v1/webhook_endpoints", params, options);
  }
  /** Deletes the endpoint and destroys its secret. */
  delete(endpointId: string, options?: RequestOptions): ApiPromise<DeletedWebhookEndpoint> {
    const deleted = { id: endpointId, object: "webhook_endpoint", deleted: true } as const;
    return this.koban.request(
      { method: "DELETE", path: `/v1/webhook_endpoints/${id(endpointId)}`, afterOperation: () => deleted },
      options,
    );
  }
  /** The signing secret (`whsec_…`) to verify deliveries with. Needs `webhooks:write`. */
  retrieveSecret(endpointId: string, options?: RequestOptions): ApiPromise<WebhookEndpointSecret> {
    return this.koban.request({ method: "GET", path: `/v1/webhook_endpoints/${id(endpointId)}/secret` }, options);
  }
  /** Makes a new secret; the previous one keeps signing (beside it) until `expires_in_seconds` have passed. */
  rotateSecret(
    endpointId: string,
    params: WebhookSecretRotateParams = {},
    options?: RequestOptions,
  ): ApiPromise<WebhookEndpoint> {
    return this.koban.request(
      { method: "POST", path: `/v1/webhook_endpoints/${id(endpointId)}/rotate_secret`, body: params },
      options,
    );
  }
}
