import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

import { catalogueFile, isCatalogueCurrent, renderCatalogue } from '../src/catalogue.ts'
import { eventTypes, schemaStore, topicOf, topics } from '../src/index.ts'

interface Catalogue {
  asyncapi: string
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>
  operations: Record<string, { action: string; channel: { $ref: string } }>
  components: {
    messages: Record<string, { payload: { schema: unknown }; 'x-schema-versions': { fingerprint: string }[] }>
  }
}

describe('renderCatalogue', () => {
  const catalogue = parse(renderCatalogue(schemaStore)) as Catalogue

  it('should describe one AsyncAPI 3 channel per topic and one send operation each', () => {
    const addresses = Object.values(catalogue.channels).map((channel) => channel.address)

    expect(catalogue.asyncapi).toBe('3.0.0')
    expect(addresses).toEqual(Object.values(topics))
    expect(Object.values(catalogue.operations).map((operation) => operation.action)).toEqual(
      Object.values(topics).map(() => 'send'),
    )
  })

  it('should list every event type under the channel of its topic with its latest schema', () => {
    for (const eventType of eventTypes) {
      const channel = Object.values(catalogue.channels).find((entry) => entry.address === topicOf(eventType))
      const message = catalogue.components.messages[eventType]!

      expect(channel?.messages[eventType]).toEqual({ $ref: `#/components/messages/${eventType}` })
      expect(message.payload.schema).toEqual(schemaStore.latest(eventType).schema)
      expect(message['x-schema-versions']).toHaveLength(schemaStore.versionsOf(eventType).length)
    }
  })
})

describe('asyncapi.yaml', () => {
  it('should be current with the schemas (regenerate with node contracts/src/catalogue.ts)', () => {
    expect(readFileSync(catalogueFile, 'utf8').length).toBeGreaterThan(0)
    expect(isCatalogueCurrent()).toBe(true)
  })
})
