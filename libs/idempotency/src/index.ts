export {
  purgeExpiredKeys,
  runIdempotent,
  type CommandResult,
  type IdempotencyOptions,
  type IdempotencyScope,
  type IdempotentOutcome,
} from './idempotent-command.ts'
export { canonicalJson, parseIdempotencyKey, requestHash } from './request-hash.ts'
export { migrateIdempotency } from './migrations.ts'
