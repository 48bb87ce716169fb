// Names for the contract's types, all taken from the generated file so they follow the contract.
import type { components, operations } from "./generated/openapi.ts";

type Schemas = components["schemas"];
type QueryOf<K extends keyof operations> = NonNullable<operations[K]["parameters"]["query"]>;
/** A request body the contract declares inline rather than as a named schema. */
type BodyOf<K extends keyof operations> = NonNullable<operations[K]["requestBody"]>["content"]["application/json"];

export type { components, operations, paths } from "./generated/openapi.ts";

export type Problem = Schemas["Problem"];
export type ErrorCode = Problem["code"];
export type Operation = Schemas["Operation"];

export type Cardholder = Schemas["Cardholder"];
export type CardholderCreateParams = Schemas["CardholderCreateRequest"];
export type CardholderUpdateParams = Schemas["CardholderUpdateRequest"];
export type CardholderListParams = QueryOf<"listCardholders">;
export type KycSimulationParams = Schemas["KycSimulationRequest"];

export type Program = Schemas["Program"];
export type ProgramListParams = QueryOf<"listPrograms">;

export type Card = Schemas["Card"];
export type CardDetails = Schemas["CardDetails"];
export type SpendControls = Schemas["SpendControls"];
export type SpendControlsInput = Schemas["SpendControlsInput"];
export type CardCreateParams = Schemas["CardCreateRequest"];
export type CardUpdateParams = Schemas["CardUpdateRequest"];
export type CardCloseParams = Schemas["CardCloseRequest"];
export type CardListParams = QueryOf<"listCards">;

export type Event = Schemas["Event"];
export type EventType = Schemas["EventType"];
export type EventListParams = QueryOf<"listEvents">;

/** The objects an event may carry in `data.object`. */
export type EventObject = Event["data"]["object"];

/**
 * An event whose `data.object` is narrowed by its `type`: `card.frozen` carries a card. The
 * object is the one whose `object` field is the type's prefix, so the union follows the contract.
 */
export type KobanEvent = {
  [T in EventType]: Omit<Event, "type" | "data"> & {
    type: T;
    data: { object: T extends `${infer Kind}.${string}` ? Extract<EventObject, { object: Kind }> : never };
  };
}[EventType];

export type WebhookEndpoint = Schemas["WebhookEndpoint"];
export type DeletedWebhookEndpoint = Schemas["DeletedWebhookEndpoint"];
export type WebhookEndpointSecret = Schemas["WebhookEndpointSecret"];
export type WebhookEndpointCreateParams = Schemas["WebhookEndpointCreateRequest"];
export type WebhookEndpointUpdateParams = Schemas["WebhookEndpointUpdateRequest"];
export type WebhookEndpointListParams = QueryOf<"listWebhookEndpoints">;
export type WebhookSecretRotateParams = Schemas["WebhookSecretRotateRequest"];
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type WebhookDeliveryListParams = QueryOf<"listWebhookDeliveries">;

export type FundingSource = Schemas["FundingSource"];
export type FundingSourceType = Schemas["FundingSourceType"];
export type JitGateway = Schemas["JitGateway"];
export type FundingSourceSecret = Schemas["FundingSourceSecret"];
export type FundingSourceCreateParams = Schemas["FundingSourceCreateRequest"];
export type FundingSourceUpdateParams = Schemas["FundingSourceUpdateRequest"];
export type FundingSourceListParams = QueryOf<"listFundingSources">;
/** What Koban POSTs to a `jit_gateway` source's URL for each authorization it pays for. */
export type FundingRequest = Schemas["FundingRequest"];
/** Your gateway's answer to a funding request. */
export type FundingResponse = Schemas["FundingResponse"];

export type Account = Schemas["Account"];
export type Balances = Schemas["Balances"];
export type AccountListParams = QueryOf<"listAccounts">;
export type Transfer = Schemas["Transfer"];
export type TransferCreateParams = Schemas["TransferCreateRequest"];
export type TransferListParams = QueryOf<"listTransfers">;
export type Deposit = Schemas["Deposit"];
export type DepositSimulationParams = Schemas["DepositSimulationRequest"];

export type Authorization = Schemas["Authorization"];
export type AuthorizationStatus = Schemas["AuthorizationStatus"];
export type DeclineReason = Schemas["DeclineReason"];
export type AuthorizationListParams = QueryOf<"listAuthorizations">;
export type AuthorizationSimulationParams = Schemas["AuthorizationSimulationRequest"];
export type AuthorizationReversalSimulationParams = BodyOf<"simulateAuthorizationReversal">;
export type AuthorizationIncrementSimulationParams = BodyOf<"simulateAuthorizationIncrement">;

export type Transaction = Schemas["Transaction"];
export type TransactionType = Schemas["TransactionType"];
export type TransactionListParams = QueryOf<"listTransactions">;
export type ClearingSimulationParams = Schemas["ClearingSimulationRequest"];
export type RefundSimulationParams = Schemas["RefundSimulationRequest"];

export type Settlement = Schemas["Settlement"];
export type SettlementListParams = QueryOf<"listSettlements">;
