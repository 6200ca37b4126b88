export interface LatencySummary {
  count: number
  p50Ms: number
  p90Ms: number
  p99Ms: number
  maxMs: number
  meanMs: number
}

/** Nearest-rank percentiles of latencies in milliseconds, rounded to 0.1 ms. */
export function summarize(latenciesMs: number[]): LatencySummary {
  if (latenciesMs.length === 0) {
    return { count: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0, meanMs: 0 }
  }

  const sorted = [...latenciesMs].sort((a, b) => a - b)
  const total = sorted.reduce((sum, value) => sum + value, 0)

  return {
    count: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p90Ms: round(percentile(sorted, 90)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1)!),
    meanMs: round(total / sorted.length),
  }
}

export function percentile(sorted: number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length)

  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits

  return Math.round(value * factor) / factor
}
