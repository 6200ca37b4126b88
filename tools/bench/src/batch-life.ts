import { setTimeout as sleep } from 'node:timers/promises'

import { expectStatus, LoadClient, type LoadResponse } from './load-client.ts'
import { round } from './stats.ts'

export interface BatchLifeResult {
  requests: number
  totalAmount: string
  concurrency: number
  wallS: number
  /** Seconds from the start to the end of each step. */
  steps: Record<string, number>
  retries: { approve: number; markPaid: number }
}

interface Tokens {
  gatewayUrl: string
  creator: string
  approver: string
  admin: string
}

const USD_THRESHOLD = '100000000.00'
const STEP_TIMEOUT_MS = 180_000

/**
 * One batch of `size` requests through the public API, from creation to COMPLETED with its
 * accruals and settlements in the trial balance. The USD dual-control threshold is raised first so
 * one approval decides each request. Each step waits (polling the batch) until the events of the
 * step before have arrived, so the commands never spin on 409s and the steps show where time goes.
 */
export async function measureBatchLife(tokens: Tokens, size: number, concurrency: number) {
  const creator = new LoadClient(tokens.gatewayUrl, tokens.creator, concurrency)
  const approver = new LoadClient(tokens.gatewayUrl, tokens.approver, concurrency)
  const admin = new LoadClient(tokens.gatewayUrl, tokens.admin, concurrency)
  const retries = { approve: 0, markPaid: 0 }
  const steps: Record<string, number> = {}

  try {
    await setThreshold(admin)
    const debitBefore = await usdDebit(admin)

    const started = performance.now()
    const mark = (step: string) => (steps[step] = round((performance.now() - started) / 1000, 2))
    const batch = ok(await creator.post<{ id: string }>('batches', { title: `batch of ${size}` }), 201)
    const amounts = Array.from({ length: size }, (_, index) => 1_000 + (index % 997) * 137)
    const requestIds = await inParallel(amounts, concurrency, async (minor) => {
      const body = {
        amount: (minor / 100).toFixed(2),
        currency: 'USD',
        beneficiaryName: 'Jordan Reyes',
        beneficiaryAccount: 'PH12-3456',
        purpose: 'Benchmark',
      }
      return ok(await creator.post<{ id: string }>(`batches/${batch.id}/requests`, body), 201).id
    })
    mark('created')

    ok(await creator.post(`batches/${batch.id}/submit`, {}), 200)
    mark('submitted')

    const statuses = async () =>
      ok(await creator.get<{ status: string; requests: { status: string }[] }>(`batches/${batch.id}`), 200)
    await waitUntil(async () => (await statuses()).requests.every((r) => r.status === 'PENDING_APPROVAL'))
    mark('queuedForApproval')

    await inParallel(requestIds, concurrency, async (id) => {
      retries.approve += await retryWhileConflict(() => approver.post(`requests/${id}/approve`, {}))
    })
    mark('approveCommandsAnswered')

    await waitUntil(async () => (await statuses()).requests.every((r) => r.status === 'APPROVED'))
    mark('approvedInRequestService')

    await inParallel(requestIds, concurrency, async (id) => {
      retries.markPaid += await retryWhileConflict(() => admin.post(`requests/${id}/mark-paid`, {}))
    })
    mark('markPaidCommandsAnswered')

    await waitUntil(async () => (await statuses()).status === 'COMPLETED')
    mark('completed')

    const total = amounts.reduce((sum, minor) => sum + BigInt(minor), 0n)
    // An accrual and a settlement per request: each debits the request's total once.
    await waitUntil(async () => (await usdDebit(admin)) === debitBefore + 2n * total)
    mark('balanced')

    return {
      requests: size,
      totalAmount: `${total / 100n}.${(total % 100n).toString().padStart(2, '0')} USD`,
      concurrency,
      wallS: steps['balanced']!,
      steps,
      retries,
    } satisfies BatchLifeResult
  } finally {
    creator.close()
    approver.close()
    admin.close()
  }
}

async function setThreshold(admin: LoadClient): Promise<void> {
  const response = await admin.put('approvals/policies/USD', { threshold: USD_THRESHOLD })
  if (response.status !== 200 && response.status !== 201) {
    throw new Error(
      `setting the USD threshold failed with ${response.status}: ${JSON.stringify(response.body)}`,
    )
  }
}

/** The USD debit total of the trial balance in minor units (0 before any posting). */
async function usdDebit(admin: LoadClient): Promise<bigint> {
  const balance = ok(
    await admin.get<{ currencies: { currency: string; debit: string }[] }>('ledger/trial-balance'),
    200,
  )
  const debit = balance.currencies.find((group) => group.currency === 'USD')?.debit ?? '0.00'

  return BigInt(debit.replace('.', ''))
}

/**
 * Sends until the answer is 200. The steps wait for the events first, so a 409 (the event has not
 * arrived) should not happen; if it does, it is retried gently rather than spun on.
 */
async function retryWhileConflict(send: () => Promise<LoadResponse>): Promise<number> {
  const deadline = Date.now() + 120_000
  let retries = 0

  for (;;) {
    const response = await send()
    if (response.status === 200) {
      return retries
    }

    if (response.status !== 409 || Date.now() > deadline) {
      throw new Error(`expected 200, got ${response.status}: ${JSON.stringify(response.body)}`)
    }
    retries += 1
    await sleep(100)
  }
}

async function inParallel<T, R>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0

  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next
      next += 1
      results[index] = await work(items[index]!)
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  return results
}

/** Polls every 250 ms: the batch read returns every request, so polling has a cost of its own. */
async function waitUntil(done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS
  while (!(await done())) {
    if (Date.now() > deadline) {
      throw new Error(`still waiting after ${STEP_TIMEOUT_MS / 1000} s`)
    }
    await sleep(250)
  }
}

function ok<T>(response: LoadResponse<T>, status: number): T {
  return expectStatus(response, status, 'batch life')
}
