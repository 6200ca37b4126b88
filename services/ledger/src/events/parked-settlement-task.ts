import { withTransaction } from '@pay/db'
import type { BackgroundTask, ServiceContext } from '@pay/runtime'
import { Gauge } from 'prom-client'

import { lockRequest } from '../db/journal-store.ts'
import { parkedSettlementStats, requestsReadyToSettle } from '../db/parked-settlements-store.ts'
import { settleParked } from './payment-handlers.ts'

export interface ParkedSettlementTaskOptions {
  intervalMs: number
  /** Parked longer than this, a settlement is worth a warning: its approval may be lost. */
  warnAfterMs: number
  batchSize?: number
}

/**
 * The safety net behind the approval handler, which settles a parked payment as soon as its
 * accrual posts: this sweep catches whatever that missed (a crash between the two, or an
 * approval handled by an older version) and keeps the parked backlog visible in /metrics.
 */
export function parkedSettlementTask(
  context: ServiceContext,
  options: ParkedSettlementTaskOptions,
): BackgroundTask {
  const { pool, logger: serviceLogger, registry } = context
  const logger = serviceLogger.child({ component: 'parked-settlements' })
  const backlog = new Gauge({
    name: 'ledger_parked_settlements',
    help: 'Payments waiting for the accrual of their request',
    registers: [registry],
  })
  const oldest = new Gauge({
    name: 'ledger_parked_settlement_oldest_seconds',
    help: 'Age of the oldest payment waiting for its accrual',
    registers: [registry],
  })
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let stopped = false

  async function sweep(): Promise<void> {
    const ready = await requestsReadyToSettle(pool, options.batchSize ?? 100)
    for (const requestId of ready) {
      await withTransaction(pool, async (client) => {
        await lockRequest(client, requestId)
        await settleParked(client, requestId, logger)
      })
    }

    const stats = await parkedSettlementStats(pool)
    backlog.set(stats.count)
    oldest.set(stats.oldestAgeSeconds)
    if (stats.oldestAgeSeconds * 1000 > options.warnAfterMs) {
      logger.warn(stats, 'settlements have waited long for their accrual')
    }
  }

  function schedule(): void {
    if (stopped) {
      return
    }

    timer = setTimeout(() => {
      running = sweep()
        .catch((error: unknown) => logger.warn({ err: error }, 'parked settlement sweep failed'))
        .finally(schedule)
    }, options.intervalMs)
    timer.unref()
  }

  return {
    start() {
      stopped = false
      schedule()
    },
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
