import { expectStatus, LoadClient } from './load-client.ts'
import { round, summarize, type LatencySummary } from './stats.ts'

export interface ClosedLoopResult {
  clients: number
  durationS: number
  warmUpS: number
  requests: number
  errors: number
  throughputPerS: number
  latency: LatencySummary
}

/** The gateway's public API, or the request service itself with an internal token. */
export interface CommandTarget {
  baseUrl: string
  accessToken: string
  basePath: string
}

export const legacyRequestBody = {
  amount: '1250.00',
  currency: 'USD',
  beneficiaryName: 'Jordan Reyes',
  beneficiaryAccount: 'PH12-3456',
  purpose: 'Travel',
}

/**
 * Closed loop: `clients` callers, each with its own DRAFT batch, create a request, wait for the
 * answer and create the next, for the warm-up and then the measured time. Only requests started
 * and answered inside the measured window count.
 */
export async function measureCommandThroughput(options: {
  target: CommandTarget
  clients: number
  durationS: number
  warmUpS: number
}): Promise<ClosedLoopResult> {
  const { clients, durationS, warmUpS, target } = options
  const client = new LoadClient(target.baseUrl, target.accessToken, clients, target.basePath)
  const batchIds: string[] = []
  for (let index = 0; index < clients; index += 1) {
    const batch = expectStatus(
      await client.post<{ id: string }>('batches', { title: `throughput ${clients}/${index}` }),
      201,
      'create batch',
    )
    batchIds.push(batch.id)
  }

  const started = performance.now()
  const windowStart = started + warmUpS * 1000
  const windowEnd = windowStart + durationS * 1000
  const latencies: number[] = []
  let errors = 0

  async function caller(batchId: string): Promise<void> {
    while (performance.now() < windowEnd) {
      const sent = performance.now()
      const response = await client.post(`batches/${batchId}/requests`, legacyRequestBody)
      const answered = performance.now()
      if (sent < windowStart || answered > windowEnd) {
        continue
      }

      if (response.status === 201) {
        latencies.push(answered - sent)
      } else {
        errors += 1
      }
    }
  }

  try {
    await Promise.all(batchIds.map((batchId) => caller(batchId)))
  } finally {
    client.close()
  }

  return {
    clients,
    durationS,
    warmUpS,
    requests: latencies.length,
    errors,
    throughputPerS: round(latencies.length / durationS),
    latency: summarize(latencies),
  }
}
