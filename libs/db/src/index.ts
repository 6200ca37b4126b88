export { createPool, type PoolOptions } from './pool.ts'
export { withClient } from './client.ts'
export { withTransaction, type IsolationLevel, type TransactionOptions } from './transaction.ts'
export { runMigrations, type AppliedMigration, type MigrationOptions } from './migrations.ts'
export {
  hasSqlState,
  isDatabaseError,
  sqlState,
  translateDatabaseError,
  type ConstraintErrors,
} from './errors.ts'
export type { Pool, PoolClient } from 'pg'
