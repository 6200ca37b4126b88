import { randomUUID } from 'node:crypto'

import type { EventMessage } from '@pay/contracts'
import { formatAmount } from '@pay/money'
import { waitFor } from '@pay/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startLedger, testUser, type LedgerFixture } from './support/ledger-fixture.ts'
import {
  approvedEvent,
  paidEvent,
  reissued,
  testRequest,
  type TestPayee,
  type TestRequest,
} from './support/payment-events.ts'

const REQUESTS = 1_000
const CURRENCIES = ['USD', 'EUR', 'JPY', 'KWD', 'GBP']

let ledger: LedgerFixture

beforeAll(async () => {
  ledger = await startLedger('ledger_random', {
    replicas: 3,
    partitions: 3,
    env: { DATABASE_POOL_SIZE: '4' },
  })
})

afterAll(async () => {
  await ledger?.stop()
})

/** mulberry32: small, fast and reproducible from its seed. */
function randomFrom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  const shuffle = <T>(items: T[]): T[] => {
    for (let index = items.length - 1; index > 0; index--) {
      const other = Math.floor(next() * (index + 1))
      ;[items[index], items[other]] = [items[other]!, items[index]!]
    }
    return items
  }
  return { next, pick, shuffle }
}

function addTo(totals: Map<string, bigint>, code: string, currency: string, amount: bigint) {
  const key = `${code}|${currency}`
  totals.set(key, (totals.get(key) ?? 0n) + amount)
}

describe('randomized journal', () => {
  it('the trial balance should sum to zero per currency after 1,000 approvals and payments in several currencies', async () => {
    const seed = Date.now() % 2 ** 31
    const random = randomFrom(seed)
    const payees: TestPayee[] = [
      ...Array.from({ length: 12 }, (_, index) => ({
        type: 'VENDOR' as const,
        id: randomUUID(),
        name: `Vendor ${index}`,
      })),
      ...Array.from({ length: 6 }, (_, index) => ({
        type: 'SUBCONTRACTOR' as const,
        id: randomUUID(),
        name: `Subcontractor ${index}`,
      })),
      { type: 'LEGACY', name: 'Legacy beneficiary' },
    ]
    const sites = Array.from({ length: 8 }, () => randomUUID())

    const requests: TestRequest[] = Array.from({ length: REQUESTS }, () => {
      const payee = random.pick(payees)
      const siteId = payee.type === 'LEGACY' ? null : random.pick(sites)
      return testRequest({
        payee,
        siteId,
        siteCode: siteId === null ? null : `S-${siteId.slice(0, 4)}`,
        currency: random.pick(CURRENCIES),
        baseAmount: BigInt(Math.floor(random.next() * 10_000_000)),
        extraAmount: random.next() < 0.3 ? BigInt(Math.floor(random.next() * 50_000)) : 0n,
      })
    })
    const paid = new Set(requests.filter(() => random.next() < 0.75).map((request) => request.requestId))

    // Payments race approvals (they travel on another topic), and about one event in twenty is replayed.
    const events: EventMessage[] = []
    for (const request of requests) {
      events.push(approvedEvent(request))
      if (paid.has(request.requestId)) {
        events.push(paidEvent(request))
      }
    }
    const replays = events.filter(() => random.next() < 0.05).map(reissued)
    const sent = random.shuffle([...events, ...replays])

    for (let index = 0; index < sent.length; index += 250) {
      await ledger.send(sent.slice(index, index + 250))
    }
    await waitFor(
      async () => {
        const { rows } = await ledger.pool.query<{ count: number }>(
          'select count(*)::int as count from processed_events',
        )
        return rows[0]!.count === sent.length
      },
      { timeoutMs: 120_000, intervalMs: 250, message: `all ${sent.length} events consumed (seed ${seed})` },
    )

    const expected = new Map<string, bigint>()
    for (const request of requests) {
      const total = request.baseAmount + request.extraAmount
      const payable =
        request.payee.type === 'LEGACY'
          ? 'payable:legacy'
          : `payable:${request.payee.type.toLowerCase()}:${request.payee.id}`
      addTo(
        expected,
        request.siteId === null ? 'expense:unassigned' : `expense:site:${request.siteId}`,
        request.currency,
        total,
      )
      addTo(expected, payable, request.currency, -total)
      if (paid.has(request.requestId)) {
        addTo(expected, payable, request.currency, total)
        addTo(expected, `bank-clearing:${request.currency}`, request.currency, -total)
      }
    }

    const trial = await ledger.call('GET', '/ledger/trial-balance', { as: testUser('ADMIN') })
    const currencies: {
      currency: string
      debit: string
      credit: string
      balance: string
      accounts: { code: string; balance: string }[]
    }[] = trial.json().currencies

    expect(currencies.map((group) => group.currency).sort(), `seed ${seed}`).toEqual([...CURRENCIES].sort())
    for (const group of currencies) {
      expect(group.debit, `seed ${seed}`).toBe(group.credit)
      expect(group.balance, `seed ${seed}`).toBe(formatAmount(0n, group.currency))
    }
    const actual = new Map(
      currencies.flatMap((group) =>
        group.accounts.map((line) => [`${line.code}|${group.currency}`, line.balance]),
      ),
    )
    for (const [key, amount] of expected) {
      const currency = key.split('|')[1]!
      expect(actual.get(key) ?? formatAmount(0n, currency), `${key} (seed ${seed})`).toBe(
        formatAmount(amount, currency),
      )
    }

    const { rows: perKind } = await ledger.pool.query<{ kind: string; entries: number; requests: number }>(
      `select kind, count(*)::int as entries, count(distinct request_id)::int as requests
         from journal_entries group by kind order by kind`,
    )
    expect(perKind).toEqual([
      { kind: 'ACCRUAL', entries: REQUESTS, requests: REQUESTS },
      { kind: 'SETTLEMENT', entries: paid.size, requests: paid.size },
    ])
    const { rows: parked } = await ledger.pool.query('select request_id from parked_settlements')
    expect(parked).toEqual([])
  }, 180_000)
})
