import { randomUUID } from 'node:crypto'

import { waitFor } from '@pay/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { EventProducer } from './support/kafka-events.ts'
import { siteChanged, subcontractorChanged, vendorChanged } from './support/master-data-events.ts'
import { startRequestService, user, type RequestServiceHarness } from './support/request-service.ts'

let harness: RequestServiceHarness
let producer: EventProducer
const creator = user('CREATOR')

const clientId = randomUUID()
const north = { id: randomUUID(), code: 'N-01', clientId }
const south = { id: randomUUID(), code: 'S-02', clientId }
const closedSite = { id: randomUUID(), code: 'X-09', clientId }
const vendor = { id: randomUUID(), name: 'Scaffolds GmbH', vendorTypeId: randomUUID() }
const renamedVendor = { id: randomUUID(), name: 'Old name', vendorTypeId: randomUUID() }
const retiredVendor = { id: randomUUID(), name: 'Gone Ltd', vendorTypeId: randomUUID() }
const digger = { id: randomUUID(), name: 'Diggers & Sons', scopeId: randomUUID(), assignedSiteId: north.id }
const roamer = { id: randomUUID(), name: 'Roaming Crew', scopeId: randomUUID(), assignedSiteId: null }

beforeAll(async () => {
  harness = await startRequestService()
  producer = await new EventProducer(harness.prefix).start()
  await producer.send(
    siteChanged(north, 1),
    siteChanged(south, 1),
    siteChanged(closedSite, 1),
    siteChanged(closedSite, 2, false),
    vendorChanged(vendor, 1),
    vendorChanged(renamedVendor, 2, true),
    vendorChanged({ ...renamedVendor, name: 'Stale name' }, 1, false),
    vendorChanged(retiredVendor, 1),
    vendorChanged(retiredVendor, 2, false),
    subcontractorChanged(digger, 1),
    subcontractorChanged(roamer, 1),
  )
  await waitFor(
    async () => {
      const { rows } = await harness.service.context.pool.query<{ count: number }>(
        'select count(*)::int as count from processed_events',
      )
      return rows[0]!.count === 11
    },
    { timeoutMs: 20_000, message: 'master data applied' },
  )
})

afterAll(async () => {
  await producer?.stop()
  await harness?.stop()
})

async function newBatch(): Promise<string> {
  return (await harness.call(creator, 'POST', '/batches', { body: { title: 'ledger' } })).json().id
}

function create(batchId: string, body: object) {
  return harness.call(creator, 'POST', `/batches/${batchId}/requests`, { body })
}

const vendorRequest = {
  currency: 'EUR',
  entityType: 'VENDOR',
  vendorId: vendor.id,
  siteId: north.id,
  baseAmount: '1000.00',
  extraAmount: '250.50',
  extraReason: 'weekend work',
}

describe('ledger-driven requests', () => {
  it('should snapshot the payee name and site code and compute the total', async () => {
    const response = await create(await newBatch(), vendorRequest)

    expect(response.status).toBe(201)
    expect(response.json()).toMatchObject({
      kind: 'LEDGER',
      payeeName: 'Scaffolds GmbH',
      siteCode: 'N-01',
      baseAmount: '1000.00',
      extraAmount: '250.50',
      totalAmount: '1250.50',
      extraReason: 'weekend work',
    })
  })

  it('should keep the newest master-data version whatever the arrival order', async () => {
    const response = await create(await newBatch(), { ...vendorRequest, vendorId: renamedVendor.id })

    expect(response.status).toBe(201)
    expect(response.json().payeeName).toBe('Old name')
  })

  it.each([
    ['an unknown vendor', { vendorId: randomUUID() }, 'VENDOR_UNKNOWN'],
    ['an inactive vendor', { vendorId: retiredVendor.id }, 'VENDOR_INACTIVE'],
    ['an unknown site', { siteId: randomUUID() }, 'SITE_UNKNOWN'],
    ['an inactive site', { siteId: closedSite.id }, 'SITE_INACTIVE'],
    [
      'a subcontractor assigned to another site',
      { entityType: 'SUBCONTRACTOR', vendorId: undefined, subcontractorId: digger.id, siteId: south.id },
      'SITE_MISMATCH',
    ],
  ])('should refuse %s with 422', async (_case, overrides, code) => {
    const response = await create(await newBatch(), { ...vendorRequest, ...overrides })

    expect(response.status).toBe(422)
    expect(response.json().code).toBe(code)
  })

  it('should accept a subcontractor on its own site or one without an assigned site', async () => {
    const batchId = await newBatch()
    const onSite = {
      ...vendorRequest,
      entityType: 'SUBCONTRACTOR',
      vendorId: undefined,
      subcontractorId: digger.id,
    }

    expect((await create(batchId, onSite)).json().payeeName).toBe('Diggers & Sons')
    expect((await create(batchId, { ...onSite, subcontractorId: roamer.id, siteId: south.id })).status).toBe(
      201,
    )
  })

  it('should refuse a client-sent total and fields of both kinds with 400', async () => {
    const batchId = await newBatch()

    const withTotal = await create(batchId, { ...vendorRequest, totalAmount: '1250.50' })
    const mixed = await create(batchId, { ...vendorRequest, beneficiaryName: 'someone' })
    const overPrecise = await create(batchId, { ...vendorRequest, baseAmount: '10.001' })
    const negative = await create(batchId, { ...vendorRequest, extraAmount: '-1.00' })

    expect(withTotal.status).toBe(400)
    expect(withTotal.json().errors).toEqual([{ path: 'totalAmount', message: 'unknown field' }])
    expect(mixed.json().errors).toEqual([
      { path: 'beneficiaryName', message: 'not allowed in a ledger-driven request' },
    ])
    expect(overPrecise.json().errors).toEqual([
      { path: 'baseAmount', message: 'EUR allows at most 2 decimals' },
    ])
    expect(negative.status).toBe(400)
  })

  it('PATCH should honour If-Match and re-snapshot a changed payee', async () => {
    const batchId = await newBatch()
    const created = (await create(batchId, vendorRequest)).json()
    const url = `/batches/${batchId}/requests/${created.id}`
    const read = await harness.call(creator, 'GET', url)
    expect(read.headers.etag).toBe('"1"')

    const stale = await harness.call(creator, 'PATCH', url, {
      body: { extraAmount: '0', extraReason: null },
      headers: { 'if-match': '"7"' },
    })
    expect(stale.status).toBe(412)

    const patched = await harness.call(creator, 'PATCH', url, {
      body: { entityType: 'SUBCONTRACTOR', subcontractorId: digger.id, extraAmount: '0', extraReason: null },
      headers: { 'if-match': read.headers.etag as string },
    })
    expect(patched.status).toBe(200)
    expect(patched.json()).toMatchObject({
      entityType: 'SUBCONTRACTOR',
      vendorId: null,
      subcontractorId: digger.id,
      payeeName: 'Diggers & Sons',
      totalAmount: '1000.00',
      version: 2,
    })

    const again = await harness.call(creator, 'PATCH', url, {
      body: { baseAmount: '5.00' },
      headers: { 'if-match': read.headers.etag as string },
    })
    expect(again.status).toBe(412)
    const kindChange = await harness.call(creator, 'PATCH', url, { body: { purpose: 'x' } })
    expect(kindChange.status).toBe(422)
  })
})
