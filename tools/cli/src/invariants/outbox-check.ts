import { resultOf, type CheckContext, type CheckResult, type Violation } from './types.ts'

const publishers = ['gateway', 'request', 'approval', 'ledger', 'audit'] as const

/** Events still unpublished after a while: a stuck relay (a warning; it drains when Kafka is back). */
export async function checkOutboxDrained(context: CheckContext): Promise<CheckResult> {
  const warnings: Violation[] = []

  for (const service of publishers.filter((name) => context.services.has(name))) {
    const { rows } = await context.pool.query<{ waiting: number; oldest_seconds: number | null }>(
      `select count(*)::int as waiting,
              extract(epoch from now() - min(created_at))::float8 as oldest_seconds
         from ${context.schema(service)}.outbox where published_at is null`,
    )
    const { waiting, oldest_seconds: oldest } = rows[0]!
    if (oldest !== null && oldest > context.outboxMaxAgeSeconds) {
      warnings.push({
        message: `${waiting} unpublished events, the oldest ${oldest.toFixed(1)} s old`,
        ids: { service },
      })
    }
  }

  return resultOf('outbox-drained', [], warnings)
}
