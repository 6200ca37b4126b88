import { ApiClient, serviceNames } from '@pay/system'

import { existingSchemas, readOnlyPool, schemaOf } from '../database.ts'
import { checkAuditChain, checkAuditCoverage } from './audit-checks.ts'
import { checkDeadLetters } from './dead-letter-check.ts'
import { checkJournal, checkTrialBalance } from './ledger-checks.ts'
import { checkOutboxDrained } from './outbox-check.ts'
import { checkBatchConsistency, checkStateMachine } from './status-checks.ts'
import { checkTotals } from './totals-check.ts'
import type { CheckContext, CheckResult, InvariantOptions, InvariantReport } from './types.ts'
import { checkViewsAgree } from './views-check.ts'

const checks: [string, (context: CheckContext) => Promise<CheckResult>][] = [
  ['state-machine', checkStateMachine],
  ['batch-status-consistent', checkBatchConsistency],
  ['totals', checkTotals],
  ['ledger-entries', checkJournal],
  ['trial-balance', checkTrialBalance],
  ['audit-one-row-per-event', checkAuditCoverage],
  ['audit-chain', checkAuditChain],
  ['request-approval-views-agree', checkViewsAgree],
  ['outbox-drained', checkOutboxDrained],
  ['dlq-empty', checkDeadLetters],
]

/**
 * Read-only checks of every rule that must hold across the services' data. A check that fails to
 * run (an error, not a violation) is reported as a violation of that check, so a probe that
 * cannot look never passes.
 */
export async function checkInvariants(options: InvariantOptions): Promise<InvariantReport> {
  const pool = readOnlyPool(options.databaseUrl)
  const prefix = options.schemaPrefix ?? ''

  try {
    const services = new Set<string>(await existingSchemas(pool, prefix, serviceNames))
    const context: CheckContext = {
      pool,
      schema: (service) => schemaOf(prefix, service),
      services,
      settleSeconds: options.settleSeconds ?? 10,
      outboxMaxAgeSeconds: options.outboxMaxAgeSeconds ?? 30,
      ...(await adminClient(options)),
      kafkaBrokers: options.kafkaBrokers ?? [],
      topicPrefix: options.topicPrefix ?? '',
    }
    const results: CheckResult[] = []
    for (const [name, check] of checks) {
      results.push(await check(context).catch((error: unknown) => failed(name, error)))
    }

    return { ok: results.every((result) => result.ok), checks: results }
  } finally {
    await pool.end()
  }
}

/** An admin session for the checks that ask the API; without one they say what they skipped. */
async function adminClient(options: InvariantOptions): Promise<{ api?: ApiClient; apiMissing?: string }> {
  if (options.gatewayUrl === undefined || options.adminPassword === undefined) {
    return { apiMissing: 'no gateway URL or admin password' }
  }

  try {
    return {
      api: await ApiClient.login(options.gatewayUrl, options.adminUser ?? 'admin', options.adminPassword),
    }
  } catch (error) {
    return { apiMissing: `admin login failed: ${error instanceof Error ? error.message : String(error)}` }
  }
}

function failed(check: string, error: unknown): CheckResult {
  const reason = error instanceof Error ? error.message : String(error)

  return {
    name: check,
    ok: false,
    violations: [{ message: `the check could not run: ${reason}`, ids: {} }],
    warnings: [],
  }
}
