import type pg from 'pg'

import type { ApiClient } from '@pay/system'

/** One broken rule, with the ids needed to find the rows. */
export interface Violation {
  message: string
  ids: Record<string, string>
}

export interface CheckResult {
  name: string
  ok: boolean
  violations: Violation[]
  /** Worth a look, not a broken rule (e.g. an outbox that has not drained yet). */
  warnings: Violation[]
  /** Set when the check could not run (no credentials, no broker…); a skipped check is ok. */
  skipped?: string
}

export interface InvariantReport {
  ok: boolean
  checks: CheckResult[]
}

export interface InvariantOptions {
  /** A role that reads every service schema (the cluster's superuser locally). */
  databaseUrl: string
  /** Service schemas are `<schemaPrefix><service>`. */
  schemaPrefix?: string
  /** For the dead-letter check; skipped without. */
  kafkaBrokers?: string[]
  topicPrefix?: string
  /** For the audit service's own chain verification and the batch totals the API shows. */
  gatewayUrl?: string
  adminUser?: string
  adminPassword?: string
  /**
   * Facts younger than this are not yet expected downstream (an approval not accrued yet, an
   * event not audited yet): services agree eventually, through Kafka.
   */
  settleSeconds?: number
  /** Unpublished outbox rows older than this are reported as a warning. */
  outboxMaxAgeSeconds?: number
}

export interface CheckContext {
  pool: pg.Pool
  /** Quoted schema name of a service. */
  schema: (service: 'gateway' | 'request' | 'approval' | 'ledger' | 'audit') => string
  services: ReadonlySet<string>
  settleSeconds: number
  outboxMaxAgeSeconds: number
  api?: ApiClient
  /** Why there is no admin session, when there is none. */
  apiMissing?: string
  kafkaBrokers: string[]
  topicPrefix: string
}

export function resultOf(name: string, violations: Violation[], warnings: Violation[] = []): CheckResult {
  return { name, ok: violations.length === 0, violations, warnings }
}

export function skipped(name: string, reason: string): CheckResult {
  return { name, ok: true, violations: [], warnings: [], skipped: reason }
}
