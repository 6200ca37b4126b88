import { eventTypesOf, topics, topicSettings, type Topic } from '@pay/contracts'
import { deadLetterTopic } from '@pay/messaging'
import type { ConsumerSpec } from '@pay/runtime'

import { declaredConsumers } from './declared-consumers.ts'
import { code, markdownTable } from './markdown.ts'
import { topicOwners, type DocumentedService } from './service-catalogue.ts'

interface ConsumerGroup {
  service: string
  spec: ConsumerSpec
}

/** The topics with their owner, settings, event types and readers; then each consumer group. */
export function topicsSection(services: DocumentedService[]): string {
  const groups = services.flatMap((service) =>
    declaredConsumers(service.definition).map((spec) => ({ service: service.name, spec })),
  )

  return [topicTable(groups), '### Consumer groups', consumerGroupTable(groups)].join('\n\n')
}

function topicTable(groups: ConsumerGroup[]): string {
  const rows = (Object.values(topics) as Topic[]).map((topic) => {
    const settings = topicSettings[topic]
    const readers = groups.filter((group) => group.spec.topics.includes(topic))

    return [
      code(topic),
      topicOwners[topic],
      settings.compacted ? 'yes' : 'no',
      String(settings.partitions),
      eventTypesOf(topic).join(', '),
      readers.map((group) => `${code(group.spec.groupId)} (${group.service})`).join(', '),
    ]
  })

  return markdownTable(['topic', 'owner', 'compacted', 'partitions', 'event types', 'consumer groups'], rows)
}

function consumerGroupTable(groups: ConsumerGroup[]): string {
  const rows = groups.map(({ service, spec }) => [
    code(spec.groupId),
    service,
    spec.topics.map(code).join(', '),
    handledTypes(spec),
    code(spec.dlqTopic ?? deadLetterTopic(spec.groupId)),
  ])

  return markdownTable(['consumer group', 'service', 'reads', 'handles', 'dead-letter topic'], rows)
}

/** Event types the group acts on; the others of its topics are read and skipped. */
function handledTypes(spec: ConsumerSpec): string {
  const carried = spec.topics.flatMap(eventTypesOf)
  const handled = carried.filter((eventType) => spec.handlers[eventType] !== undefined)

  return handled.length === carried.length ? `every event type (${handled.length})` : handled.join(', ')
}
