import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'

import { encodeEvent, newEnvelope } from '@pay/contracts'
import { signInternalToken, principalOf } from '@pay/service-auth'
import { createTestSchema, infra, uniqueName, waitFor, type TestSchema } from '@pay/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'

import { idempotent, startService, type RunningService, type ServiceConfig } from '../src/index.ts'

const SECRET = 'runtime-test-internal-secret-0123456789'

describe('startService', () => {
  let schema: TestSchema
  let service: RunningService
  let prefix: string
  const seen: string[] = []

  beforeAll(async () => {
    schema = await createTestSchema('runtime')
    prefix = `${uniqueName('t')}.`
    const config: ServiceConfig = {
      HOST: '127.0.0.1',
      PORT: 0,
      LOG_LEVEL: 'silent',
      DATABASE_URL: schema.url,
      DATABASE_SCHEMA: schema.schema,
      DATABASE_POOL_SIZE: 4,
      KAFKA_BROKERS: infra().kafkaBrokers,
      KAFKA_TOPIC_PREFIX: prefix,
      INTERNAL_TOKEN_SECRET: SECRET,
      IDEMPOTENCY_TTL_HOURS: 24,
      TRUST_PROXY: false,
    }
    service = await startService(
      {
        name: 'notes',
        migrations: fileURLToPath(new URL('./fixtures/migrations', import.meta.url)),
        routes(app, context) {
          app.post(
            '/notes',
            { schema: { body: z.strictObject({ text: z.string().min(1) }) } },
            async (request, reply) =>
              idempotent(request, reply, context, async (client) => {
                const id = randomUUID()
                await client.query('insert into notes (id, text) values ($1, $2)', [id, request.body.text])
                return { status: 201, body: { id, by: principalOf(request).username } }
              }),
          )
        },
        consumers: () => [
          {
            groupId: 'notes.batches',
            topics: ['payments.requests.v1'],
            handlers: {
              BatchCreated: async (event) => {
                seen.push(event.payload.title)
              },
            },
          },
        ],
      },
      config,
      { listen: false },
    )
  })

  afterAll(async () => {
    await service?.stop()
    await schema.drop()
  })

  async function token(role: 'ADMIN' | 'VIEWER' = 'ADMIN') {
    return signInternalToken({ userId: randomUUID(), username: 'nora', role }, 'notes', { secret: SECRET })
  }

  it('should answer health and readiness without a token, and everything else only with one', async () => {
    expect((await service.app.inject({ url: '/healthz' })).statusCode).toBe(200)
    expect((await service.app.inject({ url: '/readyz' })).json()).toMatchObject({})
    expect((await service.app.inject({ url: '/readyz' })).statusCode).toBe(200)
    expect(
      (await service.app.inject({ method: 'POST', url: '/notes', payload: { text: 'x' } })).statusCode,
    ).toBe(401)
  })

  it('should run a command once per idempotency key', async () => {
    const headers = { authorization: `Bearer ${await token()}`, 'idempotency-key': 'note-1' }
    const first = await service.app.inject({
      method: 'POST',
      url: '/notes',
      headers,
      payload: { text: 'hello' },
    })
    const again = await service.app.inject({
      method: 'POST',
      url: '/notes',
      headers,
      payload: { text: 'hello' },
    })

    expect(first.statusCode).toBe(201)
    expect(first.json()).toMatchObject({ by: 'nora' })
    expect(again.body).toBe(first.body)
    expect(again.headers['idempotent-replayed']).toBe('true')
    const { rows } = await service.context.pool.query('select count(*)::int as n from notes')
    expect(rows[0].n).toBe(1)
  })

  it('should describe its routes as OpenAPI 3.1', async () => {
    const response = await service.app.inject({
      url: '/openapi.json',
      headers: { authorization: `Bearer ${await token('VIEWER')}` },
    })

    expect(response.json()).toMatchObject({ openapi: '3.1.0', paths: { '/notes': { post: {} } } })
  })

  it('should create the topics its consumers read and feed them events under its prefix', async () => {
    const producer = service.context.kafka.producer()
    await producer.connect()
    const batchId = randomUUID()
    await producer.send({
      topic: `${prefix}payments.requests.v1`,
      messages: [
        {
          key: batchId,
          value: encodeEvent({
            envelope: newEnvelope({
              eventType: 'BatchCreated',
              aggregateType: 'Batch',
              aggregateId: batchId,
              aggregateVersion: 1,
            }),
            payload: { batchId, title: 'from kafka', createdBy: randomUUID(), status: 'DRAFT' },
          }),
        },
      ],
    })
    await producer.disconnect()

    await waitFor(() => seen.includes('from kafka'), { timeoutMs: 15_000 })
  })
})
