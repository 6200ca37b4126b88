import { resultOf, skipped, type CheckContext, type CheckResult, type Violation } from './types.ts'

interface BatchPage {
  items: { id: string; totals: { currency: string; amount: string }[] }[]
  nextCursor: string | null
}

/**
 * A request's total is its base plus its extra; the approval service's snapshot carries the same
 * amounts; and the totals the API shows for each batch are the sums of its requests.
 */
export async function checkTotals(context: CheckContext): Promise<CheckResult> {
  const name = 'totals'
  if (!context.services.has('request')) {
    return skipped(name, 'no request schema')
  }

  const request = context.schema('request')
  const violations: Violation[] = []
  const { rows: sums } = await context.pool.query<{ id: string; total: bigint; base: bigint; extra: bigint }>(
    `select id, total_amount as total, base_amount as base, extra_amount as extra
       from ${request}.payment_requests where total_amount <> base_amount + extra_amount`,
  )
  for (const row of sums) {
    violations.push({
      message: `total ${row.total} is not base ${row.base} + extra ${row.extra}`,
      ids: { requestId: row.id },
    })
  }

  if (context.services.has('approval')) {
    const { rows: snapshots } = await context.pool.query<{ id: string; request: string; approval: string }>(
      `select r.id,
              concat_ws(' ', r.currency, r.base_amount, r.extra_amount, r.total_amount, r.batch_id) as request,
              concat_ws(' ', a.currency, a.base_amount, a.extra_amount, a.total_amount, a.batch_id) as approval
         from ${request}.payment_requests r
         join ${context.schema('approval')}.approval_items a on a.request_id = r.id
        where (r.currency, r.base_amount, r.extra_amount, r.total_amount, r.batch_id)
              is distinct from (a.currency, a.base_amount, a.extra_amount, a.total_amount, a.batch_id)`,
    )
    for (const row of snapshots) {
      violations.push({
        message: `the approval item (${row.approval}) differs from the request (${row.request})`,
        ids: { requestId: row.id },
      })
    }
  }

  violations.push(...(await batchTotalsThroughApi(context)))
  const warnings =
    context.api === undefined
      ? [{ message: `batch totals of the API not compared: ${context.apiMissing}`, ids: {} }]
      : []

  return resultOf(name, violations, warnings)
}

async function batchTotalsThroughApi(context: CheckContext): Promise<Violation[]> {
  if (context.api === undefined) {
    return []
  }

  const { rows } = await context.pool.query<{ batch_id: string; currency: string; amount: bigint }>(
    `select batch_id, currency, sum(total_amount)::int8 as amount
       from ${context.schema('request')}.payment_requests group by batch_id, currency order by batch_id, currency`,
  )
  const expected = new Map<string, string>()
  for (const row of rows) {
    expected.set(row.batch_id, `${expected.get(row.batch_id) ?? ''}${row.currency}=${row.amount};`)
  }

  const violations: Violation[] = []
  let cursor: string | null = null
  do {
    const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`
    const page: BatchPage = await context.api.expect<BatchPage>(200, 'GET', `batches?limit=100${query}`)
    for (const batch of page.items) {
      const shown = [...batch.totals]
        .sort((a, b) => (a.currency < b.currency ? -1 : 1))
        .map((total) => `${total.currency}=${minorUnits(total.amount)};`)
        .join('')
      const summed = expected.get(batch.id) ?? ''
      if (shown !== summed) {
        violations.push({
          message: `the API shows totals ${shown || 'none'} but the requests sum to ${summed || 'none'}`,
          ids: { batchId: batch.id },
        })
      }
    }
    cursor = page.nextCursor
  } while (cursor !== null)

  return violations
}

/** The API writes amounts with exactly the currency's decimals, so the digits are the minor units. */
function minorUnits(amount: string): bigint {
  return BigInt(amount.replace('.', ''))
}
