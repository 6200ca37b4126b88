import { readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

import { eventTypesOf, isEventType, topicOf, topics, type EventType } from '../../contracts/src/index.ts'
import type { ConsumerExpectations } from './consumer-expectations.ts'
import { emittedEventTypes, type EmitSite } from './emitted-event-types.ts'
import { missingFieldReason } from './schema-paths.ts'
import {
  declaredConsumers,
  loadService,
  serviceDir,
  serviceFolders,
  serviceNames,
  topicOwners,
  type DeclaredConsumer,
  type ServiceName,
} from './service-definitions.ts'

const services = new Map(
  await Promise.all(serviceNames.map(async (name) => [name, await loadService(name)] as const)),
)
const emitted = new Map(serviceNames.map((name) => [name, emittedEventTypes(serviceDir(name))] as const))

const expectationsFolder = join(import.meta.dirname, 'expectations')
const expectations = new Map<string, ConsumerExpectations>(
  await Promise.all(
    readdirSync(expectationsFolder)
      .filter((file) => file.endsWith('.ts'))
      .map(async (file) => {
        const module = (await import(pathToFileURL(join(expectationsFolder, file)).href)) as {
          expectations: ConsumerExpectations
        }

        return [basename(file, '.ts'), module.expectations] as const
      }),
  ),
)

interface Consumption {
  service: ServiceName
  groupId: string
  consumer: DeclaredConsumer
  eventType: string
  /** The service that owns the topic of the event type; none for a name the contracts lack. */
  owner: ServiceName | '(none)'
}

const consumers = serviceNames.flatMap((service) =>
  declaredConsumers(services.get(service)!).map((consumer) => ({ service, consumer })),
)
const consumptions: Consumption[] = consumers.flatMap(({ service, consumer }) =>
  Object.keys(consumer.handlers).map((eventType) => ({
    service,
    groupId: consumer.groupId,
    consumer,
    eventType,
    owner: isEventType(eventType) ? topicOwners[topicOf(eventType)] : ('(none)' as const),
  })),
)
const consumingServices = [...new Set(consumers.map(({ service }) => service))]

function emittersOf(eventType: EventType): ServiceName[] {
  return serviceNames.filter((name) => emitted.get(name)!.has(eventType))
}

function describeSites(sites: EmitSite[] | undefined): string {
  return (sites ?? []).map((site) => `${site.file}:${site.line} (${site.declaration})`).join(', ')
}

describe('consumer-driven contracts', () => {
  it('should know every service under services/', () => {
    expect(serviceFolders()).toEqual([...serviceNames].sort())
  })

  it('should find consumers to check', () => {
    expect(consumptions.length).toBeGreaterThan(0)
  })

  it.each(Object.values(topics).map((topic) => [topic, topicOwners[topic]] as const))(
    '%s should be among the topics its owner, the %s service, publishes',
    (topic, owner) => {
      const published = (services.get(owner)!.publishes ?? []).map((spec) => spec.topic)

      expect(published).toContain(topic)
    },
  )

  it.each(consumptions)(
    '$service consumer $groupId should subscribe to the topic that carries $eventType',
    ({ consumer, eventType }) => {
      expect(isEventType(eventType), `${eventType} is no event type of the contracts`).toBe(true)
      expect(consumer.topics).toContain(topicOf(eventType as EventType))
    },
  )

  it.each(consumptions)(
    '$service should get $eventType from its owner, the $owner service, and only from it',
    ({ eventType, owner }) => {
      expect(isEventType(eventType), `${eventType} is no event type of the contracts`).toBe(true)

      const built = emitted.get(owner as ServiceName)!.get(eventType as EventType)
      expect(built, `services/${owner}/src builds no ${eventType} that its entry files reach`).toBeDefined()
      expect(emittersOf(eventType as EventType), `${eventType} is built at ${describeSites(built)}`).toEqual([
        owner,
      ])
    },
  )

  it.each(consumptions)(
    '$service should read only fields that the latest $eventType schema has',
    ({ service, eventType }) => {
      const fields = expectations.get(service)?.[eventType as EventType]
      expect(
        fields,
        `test/contracts/expectations/${service}.ts lists no fields for ${eventType}`,
      ).toBeDefined()

      const problems = fields!.flatMap((path) => missingFieldReason(eventType as EventType, path) ?? [])
      expect(problems).toEqual([])
    },
  )

  it.each(consumingServices)(
    'expectations/%s.ts should list exactly the event types its handlers take',
    (service) => {
      const handled = consumptions.filter((consumption) => consumption.service === service)

      expect(Object.keys(expectations.get(service) ?? {}).sort()).toEqual(
        handled.map((consumption) => consumption.eventType).sort(),
      )
    },
  )

  it.each([...expectations.keys()])(
    'expectations/%s.ts should belong to a service with consumers',
    (name) => {
      expect(consumingServices).toContain(name)
    },
  )

  it.each(consumers.map(({ service, consumer }) => [service, consumer.groupId, consumer] as const))(
    '%s consumer %s should handle some event type of every topic it subscribes to',
    (_, __, consumer) => {
      const idle = consumer.topics.filter((topic) =>
        eventTypesOf(topic).every((eventType) => !(eventType in consumer.handlers)),
      )

      expect(idle).toEqual([])
    },
  )
})
