import { setTimeout as sleep } from 'node:timers/promises'

import type { Pool } from '@pay/db'
import type { Logger } from '@pay/logging'
import type { BackgroundTask } from '@pay/runtime'

import { renderNextBatchSoa } from '../commands/soa-commands.ts'
import type { SoaStorage } from '../soa/soa-storage.ts'

/**
 * Works off the pending batch-SOA renders: all that are due, then a pause of `pollMs`. Several
 * replicas may run it side by side; each job is claimed with SKIP LOCKED.
 */
export function soaRenderTask(options: {
  pool: Pool
  storage: SoaStorage
  logger: Logger
  pollMs: number
}): BackgroundTask {
  const logger = options.logger.child({ component: 'soa-render' })
  const stopping = new AbortController()
  let running: Promise<void> | undefined

  async function loop(): Promise<void> {
    while (!stopping.signal.aborted) {
      try {
        const outcome = await renderNextBatchSoa(options.pool, options.storage)
        if (outcome?.error !== undefined) {
          logger.error(
            { err: outcome.error, batchId: outcome.batchId },
            'batch SOA rendering failed; postponed',
          )
        } else if (outcome !== undefined) {
          logger.info({ batchId: outcome.batchId }, 'batch SOA generated')
          continue
        }
      } catch (error) {
        logger.warn({ err: error }, 'batch SOA render loop failed')
      }

      await sleep(options.pollMs, undefined, { signal: stopping.signal }).catch(() => undefined)
    }
  }

  return {
    start() {
      running ??= loop()
    },
    async stop() {
      stopping.abort()
      await running
    },
  }
}
