import { setTimeout as sleep } from 'node:timers/promises'

import type { Pool } from '@pay/db'

import { legacyRequestBody } from './command-throughput.ts'
import { expectStatus, LoadClient } from './load-client.ts'
import { round, summarize, type LatencySummary } from './stats.ts'

export interface PropagationResult {
  targetRatePerS: number
  durationS: number
  sent: number
  created: number
  errors: number
  achievedRatePerS: number
  /** Answer times of the commands themselves at this rate. */
  commandLatency: LatencySummary
  /** audit_log.recorded_at − the event's occurredAt. */
  commitToAudit: LatencySummary
  /** outbox.published_at (the relay's claim of the row) − occurredAt. */
  commitToRelayClaim: LatencySummary
  /** audit_log.recorded_at − outbox.published_at. */
  relayClaimToAudit: LatencySummary
  /** Seconds from the last command's answer until the last audit row was there (or the wait gave up). */
  drainS: number
  /** Audit rows still missing when the wait gave up (0 when all arrived). */
  missingAuditRows: number
}

/**
 * Open loop: creates requests at a fixed rate whatever the answer times (a late answer does not
 * delay the next command), spread over a few DRAFT batches, then waits until every RequestCreated
 * has its audit row and reads the times straight from the tables.
 */
export async function measurePropagation(options: {
  gatewayUrl: string
  accessToken: string
  adminPool: Pool
  namespace: string
  ratePerS: number
  durationS: number
}): Promise<PropagationResult> {
  const { ratePerS, durationS, namespace, adminPool } = options
  const client = new LoadClient(options.gatewayUrl, options.accessToken, 64)
  const batchIds: string[] = []
  for (let index = 0; index < 8; index += 1) {
    const batch = await client.post<{ id: string }>('batches', { title: `propagation ${index}` })
    batchIds.push(expectStatus(batch, 201, 'create batch').id)
  }

  const total = Math.round(ratePerS * durationS)
  const requestIds: string[] = []
  const latencies: number[] = []
  const inFlight: Promise<void>[] = []
  let errors = 0
  const started = performance.now()

  for (let sent = 0; sent < total;) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * ratePerS) + 1)
    for (; sent < due; sent += 1) {
      const batchId = batchIds[sent % batchIds.length]!
      const begun = performance.now()
      inFlight.push(
        client.post<{ id: string }>(`batches/${batchId}/requests`, legacyRequestBody).then(
          (response) => {
            if (response.status !== 201) {
              errors += 1
              return
            }

            latencies.push(performance.now() - begun)
            requestIds.push(response.body.id)
          },
          () => {
            errors += 1
          },
        ),
      )
    }
    await sleep(2)
  }
  await Promise.all(inFlight)
  const lastAnswer = performance.now()
  const elapsedS = (lastAnswer - started) / 1000
  client.close()

  const missingAuditRows = await waitForAuditRows(adminPool, namespace, requestIds)
  const drainS = round((performance.now() - lastAnswer) / 1000, 2)
  const { rows } = await adminPool.query<{ to_audit: number; to_claim: number; claim_to_audit: number }>(
    `select extract(epoch from a.recorded_at - a.occurred_at) * 1000 as to_audit,
            extract(epoch from o.published_at - a.occurred_at) * 1000 as to_claim,
            extract(epoch from a.recorded_at - o.published_at) * 1000 as claim_to_audit
       from ${namespace}audit.audit_log a
       join ${namespace}request.outbox o on o.event_id = a.event_id
      where a.event_type = 'RequestCreated' and a.entity_id = any($1::text[])`,
    [requestIds],
  )

  return {
    targetRatePerS: ratePerS,
    durationS,
    sent: total,
    created: requestIds.length,
    errors,
    achievedRatePerS: round(requestIds.length / elapsedS),
    commandLatency: summarize(latencies),
    commitToAudit: summarize(rows.map((row) => Number(row.to_audit))),
    commitToRelayClaim: summarize(rows.map((row) => Number(row.to_claim))),
    relayClaimToAudit: summarize(rows.map((row) => Number(row.claim_to_audit))),
    drainS,
    missingAuditRows,
  }
}

/** Waits up to two minutes for the audit rows; answers how many are still missing. */
async function waitForAuditRows(pool: Pool, namespace: string, requestIds: string[]): Promise<number> {
  const deadline = Date.now() + 120_000

  for (;;) {
    const { rows } = await pool.query<{ count: bigint }>(
      `select count(*) as count from ${namespace}audit.audit_log
        where event_type = 'RequestCreated' and entity_id = any($1::text[])`,
      [requestIds],
    )
    const missing = requestIds.length - Number(rows[0]?.count ?? 0)
    if (missing <= 0 || Date.now() > deadline) {
      return Math.max(0, missing)
    }
    await sleep(100)
  }
}
