import type { BackgroundTask, ServiceContext } from '@pay/runtime'

import { purgeStaleBuckets } from './db/login-throttle.ts'
import { purgeExpiredFamilies } from './db/sessions.ts'
import type { GatewayConfig } from './config.ts'

const INTERVAL_MS = 10 * 60 * 1000

/** Deletes expired sessions and login counters whose window has long passed. */
export function housekeepingTask(context: ServiceContext<GatewayConfig>, now: () => Date): BackgroundTask {
  let timer: NodeJS.Timeout | undefined

  const run = async () => {
    const at = now()
    const staleBefore = new Date(at.getTime() - context.config.LOGIN_WINDOW_SECONDS * 1000)
    await purgeExpiredFamilies(context.pool, at)
    await purgeStaleBuckets(context.pool, staleBefore)
  }

  return {
    start() {
      timer = setInterval(() => {
        run().catch((error: unknown) => context.logger.warn({ err: error }, 'gateway housekeeping failed'))
      }, INTERVAL_MS)
      timer.unref()
    },
    async stop() {
      clearInterval(timer)
    },
  }
}
