export { quoteIdent } from "./identifiers.ts";
export { lockWait } from "./lock-wait.ts";
export { migrateSchema, type SchemaMigrations } from "./migrate.ts";
export { createPool, type Pool, type Queryable, type Tx } from "./pool.ts";
export {
  inTransaction,
  runAtCommit,
  type TransactionOptions,
  transaction,
  transactionState,
} from "./transaction.ts";
