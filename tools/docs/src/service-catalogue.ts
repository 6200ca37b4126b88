import { approvalConfigSchema, approvalService } from '@pay/approval-service'
import { auditConfigSchema, auditService } from '@pay/audit-service'
import { topics, type Topic } from '@pay/contracts'
import { gatewayConfigSchema, gatewayService } from '@pay/gateway-service'
import { ledgerConfigSchema, ledgerService } from '@pay/ledger-service'
import type { TopicSpec } from '@pay/messaging'
import { requestConfigSchema, requestService } from '@pay/request-service'
import type { ConsumerSpec } from '@pay/runtime'
import type { z } from 'zod'

/** What the guide reads of a service's definition. */
export interface ServiceShape {
  name: string
  publishes?: TopicSpec[]
  consumers?(context: never): ConsumerSpec[]
}

export interface DocumentedService {
  name: string
  configSchema: z.ZodObject
  definition: ServiceShape
}

/** The five services, in the order the guide lists them. */
export const documentedServices: DocumentedService[] = [
  { name: 'gateway', configSchema: gatewayConfigSchema, definition: gatewayService() },
  { name: 'request', configSchema: requestConfigSchema, definition: requestService },
  { name: 'approval', configSchema: approvalConfigSchema, definition: approvalService },
  { name: 'ledger', configSchema: ledgerConfigSchema, definition: ledgerService },
  { name: 'audit', configSchema: auditConfigSchema, definition: auditService },
]

/**
 * Who writes the events of each topic. A definition's `publishes` cannot say it alone: a service
 * also lists the topics it reads there, so that it can create them when it starts first.
 */
export const topicOwners: Record<Topic, string> = {
  [topics.identity]: 'gateway',
  [topics.requests]: 'request',
  [topics.approvals]: 'approval',
  [topics.masterData]: 'ledger',
  [topics.journal]: 'ledger',
}
