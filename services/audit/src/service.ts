import { fileURLToPath } from 'node:url'

import type { ServiceDefinition } from '@pay/runtime'

import { auditConsumer } from './events/audit-consumer.ts'
import { registerAuditRoutes } from './http/audit-routes.ts'
import type { AuditConfig } from './service-config.ts'

export { auditConfigSchema, type AuditConfig } from './service-config.ts'
export { AUDIT_GROUP_ID, auditedTopics } from './events/audit-consumer.ts'

/** The audit service: records every event of every topic in a hash chain and serves it to admins and viewers. */
export const auditService: ServiceDefinition<AuditConfig> = {
  name: 'audit',
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  // Publishes nothing: the audit only listens.
  publishes: [],
  routes: registerAuditRoutes,
  consumers: () => [auditConsumer()],
}
