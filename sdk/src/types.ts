// Names for the contract's types, all taken from the generated file so they follow the contract.
import type { components, operations } from "./generated/openapi.ts";

type Schemas = components["schemas"];
type QueryOf<K extends keyof operations> = NonNullable<operations[K]["parameters"]["query"]>;

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
