import type { Pool } from '@pay/db'

import { seedPolicies } from './db/policies.ts'

/**
 * Seeds the configured thresholds once; callers await the returned function before relying on the
 * policy table. A failed attempt is retried by the next caller instead of being remembered.
 */
export function policySeeding(pool: Pool, thresholds: ReadonlyMap<string, bigint>): () => Promise<void> {
  let seeded: Promise<void> | undefined

  return () => {
    seeded ??= seedPolicies(pool, thresholds).catch((error: unknown) => {
      seeded = undefined
      throw error
    })

    return seeded
  }
}
