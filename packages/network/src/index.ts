export {
  type ClearingFileOptions,
  type ClearingFileReceipt,
  type ClearingRecord,
  clearingLines,
  formatClearingFile,
  formatClearingLine,
  generateClearingRecords,
  newArn,
  type ParsedLine,
  parseClearingLine,
  sendClearingFile,
  settlementDay,
} from "./clearing-file.ts";
export { type CardFields, type NetworkResult, sendAdvice, sendAuthorization, sendReversal } from "./client.ts";
export { networkCommand } from "./commands.ts";
export { expiryField, type Merchant, type NetworkIds, newNetworkIds } from "./messages.ts";
export {
  defaultMix,
  generateTraffic,
  type MerchantProfile,
  type TrafficCard,
  type TrafficOptions,
  type TrafficReport,
} from "./traffic.ts";
