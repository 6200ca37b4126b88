import { serviceNames, type ServiceName } from '@pay/system'
import type { Admin } from 'kafkajs'

import { existingSchemas, readOnlyPool, schemaOf } from './database.ts'
import { deadLetterBacklog, deadLetterTopics, kafkaClient, withAdmin } from './kafka.ts'

export interface IntrospectOptions {
  serviceUrls: Record<ServiceName, string>
  databaseUrl?: string
  schemaPrefix?: string
  kafkaBrokers?: string[]
  topicPrefix?: string
}

export interface ServiceHealth {
  service: ServiceName
  url: string
  healthz: number | string
  readyz: number | string
  ok: boolean
}

export interface OutboxBacklog {
  service: ServiceName
  unpublished: number
  oldestSeconds: number | null
}

export interface ConsumerLag {
  group: string
  topic: string
  lag: number
}

export interface DeadLetterCount {
  topic: string
  total: number
  pending: number
}

export interface Introspection {
  services: ServiceHealth[]
  outboxes: OutboxBacklog[] | null
  consumers: ConsumerLag[] | null
  deadLetters: DeadLetterCount[] | null
}

/** The system at a glance: health of each service, outbox backlogs, consumer lag, dead letters. */
export async function introspect(options: IntrospectOptions): Promise<Introspection> {
  const services = await Promise.all(
    serviceNames.map((service) => healthOf(service, options.serviceUrls[service])),
  )
  const outboxes =
    options.databaseUrl === undefined
      ? null
      : await outboxBacklogs(options.databaseUrl, options.schemaPrefix ?? '')
  const brokers = options.kafkaBrokers ?? []
  if (brokers.length === 0) {
    return { services, outboxes, consumers: null, deadLetters: null }
  }

  const prefix = options.topicPrefix ?? ''
  const { consumers, deadLetters } = await withAdmin(kafkaClient(brokers), async (admin) => ({
    consumers: await consumerLags(admin, prefix),
    deadLetters: await deadLetterCounts(admin, prefix),
  }))

  return { services, outboxes, consumers, deadLetters }
}

async function healthOf(service: ServiceName, url: string): Promise<ServiceHealth> {
  const [healthz, readyz] = await Promise.all(
    ['healthz', 'readyz'].map((path) =>
      fetch(`${url}/${path}`, { signal: AbortSignal.timeout(3_000) }).then(
        (response) => response.status,
        (error: unknown) =>
          error instanceof Error
            ? ((error.cause as Error | undefined)?.message ?? error.message)
            : String(error),
      ),
    ),
  )

  return { service, url, healthz: healthz!, readyz: readyz!, ok: healthz === 200 && readyz === 200 }
}

async function outboxBacklogs(databaseUrl: string, prefix: string): Promise<OutboxBacklog[]> {
  const pool = readOnlyPool(databaseUrl)
  try {
    const backlogs: OutboxBacklog[] = []
    for (const service of await existingSchemas(pool, prefix, serviceNames)) {
      const { rows } = await pool.query<{ unpublished: number; oldest: number | null }>(
        `select count(*)::int as unpublished, extract(epoch from now() - min(created_at))::float8 as oldest
           from ${schemaOf(prefix, service)}.outbox where published_at is null`,
      )
      backlogs.push({ service, unpublished: rows[0]!.unpublished, oldestSeconds: rows[0]!.oldest })
    }

    return backlogs
  } finally {
    await pool.end()
  }
}

/** The services' groups are `<prefix><service>[.<purpose>]`. */
function isSystemGroup(group: string, prefix: string): boolean {
  if (!group.startsWith(prefix)) {
    return false
  }

  return new RegExp(`^(${serviceNames.join('|')})(\\.|$)`).test(group.slice(prefix.length))
}

async function consumerLags(admin: Admin, prefix: string): Promise<ConsumerLag[]> {
  const { groups } = await admin.listGroups()
  const lags: ConsumerLag[] = []
  const ends = new Map<string, Map<number, bigint>>()

  for (const { groupId } of groups
    .filter((group) => isSystemGroup(group.groupId, prefix))
    .sort((a, b) => (a.groupId < b.groupId ? -1 : 1))) {
    for (const committed of await admin.fetchOffsets({ groupId })) {
      if (!ends.has(committed.topic)) {
        const offsets = await admin.fetchTopicOffsets(committed.topic)
        ends.set(committed.topic, new Map(offsets.map((entry) => [entry.partition, BigInt(entry.high)])))
      }
      let lag = 0n
      for (const partition of committed.partitions) {
        const high = ends.get(committed.topic)?.get(partition.partition) ?? 0n
        const at = BigInt(partition.offset)
        lag += at < 0n ? high : high - at
      }
      lags.push({ group: groupId, topic: committed.topic, lag: Number(lag) })
    }
  }

  return lags
}

async function deadLetterCounts(admin: Admin, prefix: string): Promise<DeadLetterCount[]> {
  const counts: DeadLetterCount[] = []
  for (const topic of await deadLetterTopics(admin, prefix)) {
    const backlog = await deadLetterBacklog(admin, topic)
    counts.push({
      topic,
      total: Number(backlog.reduce((sum, entry) => sum + (entry.high - entry.low), 0n)),
      pending: Number(backlog.reduce((sum, entry) => sum + entry.pending, 0n)),
    })
  }

  return counts
}
