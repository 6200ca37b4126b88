import { fileURLToPath } from 'node:url'

import { topics } from '@pay/contracts'
import type { ServiceDefinition } from '@pay/runtime'

import type { ApprovalConfig } from './config.ts'
import { requestEventsConsumer } from './events/request-events.ts'
import { registerRoutes } from './http/routes.ts'
import { policySeeding } from './policy-seeding.ts'

export { approvalConfigSchema, type ApprovalConfig } from './config.ts'

/** The approval service: its queue is fed by request events, its decisions leave as approval events. */
export const approvalService: ServiceDefinition<ApprovalConfig> = {
  name: 'approval',
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  publishes: [{ topic: topics.approvals }],
  consumers: (context) => [
    requestEventsConsumer({
      policiesReady: policySeeding(context.pool, context.config.DUAL_CONTROL_THRESHOLDS),
    }),
  ],
  routes: async (app, context) => {
    // Seeding is idempotent, so doing it here too is harmless; it keeps the API from answering
    // before the configured policies are readable.
    await policySeeding(context.pool, context.config.DUAL_CONTROL_THRESHOLDS)()
    registerRoutes(app, context)
  },
}
