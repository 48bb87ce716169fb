export { type CardFields, type NetworkResult, sendAdvice, sendAuthorization, sendReversal } from "./client.ts";
export { expiryField, type Merchant, type NetworkIds, newNetworkIds } from "./messages.ts";
