import { fileURLToPath } from 'node:url'

import { topics } from '@pay/contracts'
import type { ServiceDefinition } from '@pay/runtime'

import type { ApprovalConfig } from './config.ts'
import { requestEventsConsumer } from './events/request-events.ts'
import { registerRoutes } from './http/routes.ts'
import { seedPolicies } from './db/policies.ts'

export { approvalConfigSchema, type ApprovalConfig } from './config.ts'

/** The approval service: its queue is fed by request events, its decisions leave as approval events. */
export const approvalService: ServiceDefinition<ApprovalConfig> = {
  name: 'approval',
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  publishes: [{ topic: topics.approvals }],
  // The configured thresholds are in the table before the first request is queued or served.
  init: (context) => seedPolicies(context.pool, context.config.DUAL_CONTROL_THRESHOLDS),
  consumers: () => [requestEventsConsumer()],
  routes: (app, context) => registerRoutes(app, context),
}
