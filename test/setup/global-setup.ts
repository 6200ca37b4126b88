import type { TestProject } from 'vitest/node'
import { ensureInfra, releaseInfra } from '@pay/infra'
import type { Infra } from '@pay/testkit'

/**
 * Starts Kafka and Postgres when nothing runs yet, else reuses what runs (other engineers' test runs
 * share it). What this run started is stopped at the end unless another run still uses it.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  // Static checks (the pre-commit hook's hygiene run) need neither.
  if (process.env.TEST_INFRA === 'none') {
    return undefined
  }

  const { databaseUrl, kafkaBrokers } = await ensureInfra({ lease: true })
  const provided: Infra = { databaseUrl, kafkaBrokers }
  project.provide('infra', provided)

  return () => releaseInfra()
}
