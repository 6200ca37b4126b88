import { fileURLToPath } from 'node:url'

import { int, port } from '@pay/config'
import { topics } from '@pay/contracts'
import { withServiceConfig, type ServiceDefinition } from '@pay/runtime'
import type { z } from 'zod'

import { parkedSettlementTask } from './events/parked-settlement-task.ts'
import { paymentHandlers } from './events/payment-handlers.ts'
import { registerJournalRoutes } from './http/journal-routes.ts'
import { registerMasterDataRoutes } from './http/master-data-routes.ts'

export const ledgerConfigSchema = withServiceConfig({
  PORT: port(8083),
  /** How often payments that arrived before their approval are retried. */
  PARKED_SETTLEMENT_RETRY_MS: int({ min: 100, max: 60 * 60 * 1000, default: 5_000 }),
  /** A payment parked longer than this is logged as a warning: its approval may have been lost. */
  PARKED_SETTLEMENT_WARN_AFTER_MS: int({ min: 1_000, default: 15 * 60 * 1000 }),
})

export type LedgerConfig = z.output<typeof ledgerConfigSchema>

export const ledgerService: ServiceDefinition<LedgerConfig> = {
  name: 'ledger',
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  publishes: [{ topic: topics.masterData, compacted: true }, { topic: topics.journal }],
  routes(app, context) {
    registerMasterDataRoutes(app, context)
    registerJournalRoutes(app, context)
  },
  consumers: () => [
    { groupId: 'ledger.journal', topics: [topics.approvals, topics.requests], handlers: paymentHandlers() },
  ],
  tasks: (context) => [
    parkedSettlementTask(context, {
      intervalMs: context.config.PARKED_SETTLEMENT_RETRY_MS,
      warnAfterMs: context.config.PARKED_SETTLEMENT_WARN_AFTER_MS,
    }),
  ],
}
