import { topics, type Topic } from '@pay/contracts'
import { describe, expect, it } from 'vitest'

import { declaredConsumers } from '../src/declared-consumers.ts'
import { documentedServices, topicOwners } from '../src/service-catalogue.ts'
import { topicsSection } from '../src/topics-section.ts'

describe('topics section', () => {
  it('topicOwners should name for every topic a service that publishes it', () => {
    for (const topic of Object.values(topics) as Topic[]) {
      const owner = documentedServices.find((service) => service.name === topicOwners[topic])

      expect(
        owner?.definition.publishes?.map((spec) => spec.topic),
        topic,
      ).toContain(topic)
    }
  })

  it('topicsSection should list every declared consumer group with the topics it reads and its dead-letter topic', () => {
    const section = topicsSection(documentedServices)
    const groups = documentedServices.flatMap((service) => declaredConsumers(service.definition))

    expect(groups.length).toBeGreaterThan(0)
    for (const group of groups) {
      expect(section).toContain(`| \`${group.groupId}\``)
      expect(section).toContain(`\`payments.dlq.${group.groupId}\``)
    }
    expect(section).toMatch(
      /\| `ledger\.journal` +\| ledger +\| `payments\.approvals\.v1`, `payments\.requests\.v1`/,
    )
  })

  it('declaredConsumers should refuse a service that touches its database while declaring consumers', () => {
    const greedy = {
      name: 'greedy',
      consumers: (context: never) => {
        const { pool } = context as { pool: { query: () => void } }
        pool.query()

        return []
      },
    }

    expect(() => declaredConsumers(greedy)).toThrow(/greedy: consumers\(\) used pool\.query/)
  })
})
