import { fileURLToPath } from 'node:url'

import { topics } from '@pay/contracts'
import type { ServiceDefinition } from '@pay/runtime'

import type { RequestConfig } from './config.ts'
import { approvalHandlers } from './events/approval-handlers.ts'
import { masterDataHandlers } from './events/master-data-handlers.ts'
import { registerRoutes } from './http/routes.ts'
import { LocalDirectoryStorage } from './soa/local-directory-storage.ts'
import { soaRenderTask } from './tasks/soa-render-task.ts'

export { requestConfigSchema, type RequestConfig } from './config.ts'

/**
 * The request service: batches, payment requests and their SOA documents. It publishes the
 * workflow's batch and request events, follows the approval service's decisions and keeps a copy
 * of the ledger's master data for validating and naming payees.
 */
export const requestService: ServiceDefinition<RequestConfig> = {
  name: 'request',
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  // The consumed topics are listed too, so this service starts whichever of its peers runs first;
  // their specs match what their owners create.
  publishes: [
    { topic: topics.requests },
    { topic: topics.approvals },
    { topic: topics.masterData, compacted: true },
  ],
  routes: (app, context) =>
    registerRoutes(app, context, {
      storage: new LocalDirectoryStorage(context.config.SOA_STORAGE_DIR),
      maxBytes: context.config.SOA_MAX_BYTES,
    }),
  consumers: () => [
    { groupId: 'request.approvals', topics: [topics.approvals], handlers: approvalHandlers },
    { groupId: 'request.master-data', topics: [topics.masterData], handlers: masterDataHandlers },
  ],
  tasks: (context) => [
    soaRenderTask({
      pool: context.pool,
      storage: new LocalDirectoryStorage(context.config.SOA_STORAGE_DIR),
      logger: context.logger,
      pollMs: context.config.SOA_RENDER_POLL_MS,
    }),
  ],
}
