import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

import { topics, type Topic } from '../../contracts/src/index.ts'
import { declaredConsumers as declaredConsumersOf } from '../../tools/docs/src/declared-consumers.ts'

export const repoRoot = resolve(import.meta.dirname, '..', '..')

export const serviceNames = ['gateway', 'request', 'approval', 'ledger', 'audit'] as const

export type ServiceName = (typeof serviceNames)[number]

/** Who publishes each topic: the service that owns the events on it. */
export const topicOwners: Record<Topic, ServiceName> = {
  [topics.identity]: 'gateway',
  [topics.requests]: 'request',
  [topics.approvals]: 'approval',
  [topics.masterData]: 'ledger',
  [topics.journal]: 'ledger',
}

export interface DeclaredConsumer {
  groupId: string
  topics: string[]
  handlers: Record<string, unknown>
}

/** What this check reads of a service's `ServiceDefinition`. */
export interface ServiceShape {
  name: string
  publishes?: { topic: string }[]
  consumers?(context: unknown): DeclaredConsumer[]
}

const loaders: Record<ServiceName, () => Promise<ServiceShape>> = {
  gateway: async () => (await import('../../services/gateway/src/service.ts')).gatewayService(),
  request: async () => (await import('../../services/request/src/service.ts')).requestService,
  approval: async () => (await import('../../services/approval/src/service.ts')).approvalService,
  ledger: async () => (await import('../../services/ledger/src/service.ts')).ledgerService,
  audit: async () => (await import('../../services/audit/src/service.ts')).auditService,
}

export function serviceDir(name: string): string {
  return join(repoRoot, 'services', name)
}

/** The folders under `services/`, to notice a service this check does not know yet. */
export function serviceFolders(): string[] {
  return readdirSync(join(repoRoot, 'services'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
}

export function loadService(name: ServiceName): Promise<ServiceShape> {
  return loaders[name]()
}

/** The consumers a service declares, read without Postgres or Kafka (the operations guide's reader). */
export function declaredConsumers(service: ServiceShape): DeclaredConsumer[] {
  return declaredConsumersOf(service)
}
