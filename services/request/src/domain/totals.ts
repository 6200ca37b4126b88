/** The sum of request totals in one currency; amounts never mix currencies. */
export interface CurrencyTotal {
  currency: string
  amount: bigint
  requestCount: number
}

export function totalsByCurrency(
  requests: readonly { currency: string; totalAmount: bigint }[],
): CurrencyTotal[] {
  const byCurrency = new Map<string, CurrencyTotal>()
  for (const request of requests) {
    const total = byCurrency.get(request.currency) ?? {
      currency: request.currency,
      amount: 0n,
      requestCount: 0,
    }
    total.amount += request.totalAmount
    total.requestCount += 1
    byCurrency.set(request.currency, total)
  }

  return [...byCurrency.values()].sort((a, b) =>
    a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0,
  )
}
