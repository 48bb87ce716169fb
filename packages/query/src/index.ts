import { fileURLToPath } from "node:url";
import { defineContext } from "@koban/messaging";
import { projections } from "./materializer/projections.ts";

export { publicEventPrefixes, publicEventTypes } from "./materializer/public-events.ts";
export { rebuildReadModels } from "./materializer/rebuild.ts";
export {
  DEV_QUERY_READER_PASSWORD,
  grantQueryReader,
  QUERY_READER_ROLE,
  queryReaderUrl,
  type ReadScope,
  readAs,
} from "./read/access.ts";
export { consistencyToken, parseConsistencyToken, type StreamPoint } from "./read/consistency.ts";
export { depositDue, endOfBaseDate, isBaseDate } from "./read/payment-services-act.ts";
export type {
  AccountResource,
  AuthorizationResource,
  CardholderResource,
  CardResource,
  EventResource,
  ProgramResource,
  WebhookDeliveryResource,
  WebhookEndpointResource,
} from "./read/render.ts";
export { type QueryContext, type QueryRouter, queryRouter } from "./read/router.ts";
export type { SettlementResource } from "./read/settlements.ts";
export {
  type Discrepancy,
  partnerLedgerBalances,
  paymentServicesActReport,
  prepaidBalancesAsOf,
  prepaidDepositsAsOf,
  reconciliation,
  settlementTotalsByDay,
} from "./read/staff-reports.ts";
export type { TransactionResource } from "./read/transactions.ts";

/** The event types the read models are built from. */
export const followedEventTypes = projections.map((projection) => projection.definition.type);

/** The materializer: builds the read models from every context's events. */
export const queryContext = defineContext({
  name: "query",
  schema: "query",
  migrations: fileURLToPath(new URL("../migrations", import.meta.url)),
  commands: [],
  events: projections,
});
