export { checkInvariants } from './invariants/check-invariants.ts'
export type { CheckResult, InvariantOptions, InvariantReport, Violation } from './invariants/types.ts'
export {
  probeIdempotency,
  type IdempotencyProbeOptions,
  type IdempotencyReport,
} from './probes/idempotency-probe.ts'
export {
  probeConcurrency,
  type ConcurrencyProbeOptions,
  type ConcurrencyReport,
} from './probes/concurrency-probe.ts'
export { introspect, type Introspection, type IntrospectOptions } from './introspect.ts'
export { listDeadLetters, replayDeadLetters, type DeadLetter, type ReplayOutcome } from './dead-letters.ts'
export { kafkaClient } from './kafka.ts'
export { resolveSettings, type Settings } from './settings.ts'
