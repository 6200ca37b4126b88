import { randomUUID } from 'node:crypto'

import { topics, type EventMessage } from '@pay/contracts'
import { infra, waitFor } from '@pay/testkit'
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startLedger, testUser, type LedgerFixture } from './support/ledger-fixture.ts'
import { approvedEvent, testRequest } from './support/payment-events.ts'

let ledger: LedgerFixture
const admin = testUser('ADMIN')

beforeAll(async () => {
  ledger = await startLedger('ledger_master_data')
})

afterAll(async () => {
  await ledger?.stop()
})

let counter = 0
function unique(name: string): string {
  counter += 1
  return `${name} ${counter} ${randomUUID().slice(0, 6)}`
}

async function create(path: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await ledger.call('POST', `/ledger/${path}`, { as: admin, body })
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

async function patch(path: string, id: unknown, body: Record<string, unknown>) {
  return ledger.call('PATCH', `/ledger/${path}/${String(id)}`, { as: admin, body })
}

async function vendorSetup() {
  const type = await create('vendor-types', { name: unique('Materials') })
  const vendor = await create('vendors', { name: unique('Acme'), vendorTypeId: type.id })
  return { type, vendor }
}

function changesOf(id: unknown): EventMessage[] {
  return ledger.published.filter((published) => published.key === id).map((published) => published.event)
}

describe('master data', () => {
  it('an admin should create every kind and each creation should be published keyed by the entity id', async () => {
    const client = await create('clients', { name: unique('Northwind') })
    const site = await create('sites', { code: `N-${counter}`, name: 'North yard', clientId: client.id })
    const { type, vendor } = await vendorSetup()
    const scope = await create('subcontractor-scopes', { name: unique('Electrical') })
    const subcontractor = await create('subcontractors', {
      name: unique('Bolt & Sons'),
      scopeId: scope.id,
      assignedSiteId: site.id,
    })

    expect(site).toMatchObject({ clientId: client.id, active: true, version: 1, deactivatedAt: null })
    expect(subcontractor).toMatchObject({ scopeId: scope.id, assignedSiteId: site.id })
    const expected = [
      [client, 'ClientChanged', 'clientId'],
      [site, 'SiteChanged', 'siteId'],
      [type, 'VendorTypeChanged', 'vendorTypeId'],
      [vendor, 'VendorChanged', 'vendorId'],
      [scope, 'SubcontractorScopeChanged', 'scopeId'],
      [subcontractor, 'SubcontractorChanged', 'subcontractorId'],
    ] as const
    for (const [entity, eventType, idField] of expected) {
      const [event] = await waitFor(() => changesOf(entity.id).length > 0 && changesOf(entity.id))
      expect(event?.envelope).toMatchObject({ eventType, aggregateVersion: 1n, actorId: admin.userId })
      expect(event?.payload).toMatchObject({
        [idField]: entity.id,
        name: entity.name,
        active: true,
        version: 1n,
      })
    }
  })

  it('a site, a vendor and a subcontractor should each open their own account', async () => {
    const client = await create('clients', { name: unique('Contoso') })
    const site = await create('sites', { code: `C-${counter}`, name: 'Central', clientId: client.id })
    const { vendor } = await vendorSetup()

    const accounts = await ledger.call('GET', '/ledger/accounts?kind=PAYABLE&ownerType=VENDOR', { as: admin })
    const expense = await ledger.call('GET', `/ledger/accounts?ownerId=${String(site.id)}`, { as: admin })

    expect(accounts.json().items).toContainEqual(
      expect.objectContaining({ code: `payable:vendor:${String(vendor.id)}`, balances: [] }),
    )
    expect(expense.json().items).toEqual([expect.objectContaining({ kind: 'EXPENSE', ownerType: 'SITE' })])
  })

  it('every role should read master data while only admins write it', async () => {
    const client = await create('clients', { name: unique('Fabrikam') })

    const list = await ledger.call('GET', '/ledger/clients', { as: testUser('CREATOR') })
    const one = await ledger.call('GET', `/ledger/clients/${String(client.id)}`, { as: testUser('VIEWER') })
    const byCreator = await ledger.call('POST', '/ledger/clients', {
      as: testUser('CREATOR'),
      body: { name: 'X' },
    })
    const byApprover = await ledger.call('PATCH', `/ledger/clients/${String(client.id)}`, {
      as: testUser('APPROVER'),
      body: { active: false },
    })

    expect(list.statusCode).toBe(200)
    expect(one.statusCode).toBe(200)
    expect(one.headers.etag).toBe('"1"')
    expect(byCreator.statusCode).toBe(403)
    expect(byApprover.statusCode).toBe(403)
  })

  it('bad input should be refused with 400 and field errors', async () => {
    const unknownField = await ledger.call('POST', '/ledger/clients', {
      as: admin,
      body: { name: 'A', extra: 1 },
    })
    const badCode = await ledger.call('POST', '/ledger/sites', {
      as: admin,
      body: { code: 'no spaces', name: 'S', clientId: randomUUID() },
    })
    const badId = await ledger.call('GET', '/ledger/vendors/42', { as: admin })
    const emptyPatch = await patch('clients', randomUUID(), {})
    const unknownPatchField = await patch('clients', randomUUID(), { active: false, code: 'X' })
    const noKey = await ledger.call('POST', '/ledger/clients', {
      as: admin,
      body: { name: 'A' },
      idempotencyKey: null,
    })
    const blankName = await ledger.call('POST', '/ledger/vendor-types', { as: admin, body: { name: '   ' } })

    expect(unknownField.json()).toMatchObject({
      status: 400,
      errors: [{ path: 'extra', message: 'unknown field' }],
    })
    expect(badCode.json()).toMatchObject({ status: 400, errors: [{ path: 'code' }] })
    expect(badId.statusCode).toBe(400)
    expect(emptyPatch.statusCode).toBe(400)
    expect(unknownPatchField.json()).toMatchObject({
      status: 400,
      errors: [{ path: 'code', message: 'unknown field' }],
    })
    expect(noKey.json()).toMatchObject({ status: 400, code: 'IDEMPOTENCY_KEY_REQUIRED' })
    expect(blankName.json()).toMatchObject({ status: 400, errors: [{ path: 'name' }] })
  })

  it('a name already taken, whatever its case, should be a 409', async () => {
    const name = unique('Globex')
    await create('clients', { name })

    const again = await ledger.call('POST', '/ledger/clients', {
      as: admin,
      body: { name: name.toUpperCase() },
    })

    expect(again.json()).toMatchObject({ status: 409, code: 'NAME_TAKEN', errors: [{ path: 'name' }] })
  })

  it('a reference to a missing or deactivated entity should be a 422', async () => {
    const type = await create('vendor-types', { name: unique('Services') })
    expect((await patch('vendor-types', type.id, { active: false })).statusCode).toBe(200)

    const missing = await ledger.call('POST', '/ledger/vendors', {
      as: admin,
      body: { name: unique('Initech'), vendorTypeId: randomUUID() },
    })
    const inactive = await ledger.call('POST', '/ledger/vendors', {
      as: admin,
      body: { name: unique('Initech'), vendorTypeId: type.id },
    })

    expect(missing.json()).toMatchObject({
      status: 422,
      code: 'REFERENCE_NOT_FOUND',
      errors: [{ path: 'vendorTypeId' }],
    })
    expect(inactive.json()).toMatchObject({ status: 422, code: 'REFERENCE_INACTIVE' })
  })

  it('deactivating a vendor should publish its new state and keep its history', async () => {
    const { vendor } = await vendorSetup()
    const request = testRequest({
      payee: { type: 'VENDOR', id: String(vendor.id), name: String(vendor.name) },
    })
    await ledger.send([approvedEvent(request)])
    const payable = await waitFor(async () => {
      const accounts = (
        await ledger.call('GET', `/ledger/accounts?ownerId=${String(vendor.id)}`, { as: admin })
      ).json()
      return accounts.items[0]?.balances.length > 0 && accounts.items[0]
    })

    const deactivated = await patch('vendors', vendor.id, { active: false })

    expect(deactivated.json()).toMatchObject({ active: false, version: 2, deactivatedAt: expect.any(String) })
    const published = await waitFor(() => changesOf(vendor.id).length === 2 && changesOf(vendor.id))
    expect(published.map((event) => event.payload)).toEqual([
      expect.objectContaining({ active: true, version: 1n, deactivatedAt: null }),
      expect.objectContaining({ active: false, version: 2n, deactivatedAt: expect.any(Date) }),
    ])
    const kept = await ledger.call('GET', `/ledger/vendors/${String(vendor.id)}`, { as: admin })
    expect(kept.json()).toMatchObject({ id: vendor.id, name: vendor.name, active: false })
    const inactiveList = (
      await ledger.call('GET', '/ledger/vendors?active=false&limit=200', { as: admin })
    ).json()
    expect(inactiveList.items.map((item: { id: string }) => item.id)).toContain(vendor.id)
    const entries = await ledger.call('GET', `/ledger/accounts/${String(payable.id)}/entries`, { as: admin })
    expect(entries.json().items).toEqual([
      expect.objectContaining({ kind: 'ACCRUAL', requestId: request.requestId }),
    ])
  })

  it('a request approved before its vendor was deactivated should still be posted', async () => {
    const { vendor } = await vendorSetup()
    await patch('vendors', vendor.id, { active: false })
    const request = testRequest({
      payee: { type: 'VENDOR', id: String(vendor.id), name: String(vendor.name) },
    })

    await ledger.send([approvedEvent(request)])

    await waitFor(async () => {
      const { rows } = await ledger.pool.query('select 1 from journal_entries where request_id = $1', [
        request.requestId,
      ])
      return rows.length === 1
    })
  })

  it('reactivating should restart the active period under a new version', async () => {
    const scope = await create('subcontractor-scopes', { name: unique('Plumbing') })
    await patch('subcontractor-scopes', scope.id, { active: false })

    const reactivated = (await patch('subcontractor-scopes', scope.id, { active: true })).json()

    expect(reactivated).toMatchObject({ active: true, deactivatedAt: null, version: 3 })
    expect(reactivated.effectiveFrom > String(scope.effectiveFrom)).toBe(true)
  })

  it('a patch that changes nothing should answer the entity without a new version or event', async () => {
    const client = await create('clients', { name: unique('Umbrella') })

    const same = await patch('clients', client.id, { name: client.name, active: true })

    expect(same.json()).toMatchObject({ version: 1 })
    const { rows } = await ledger.pool.query(
      'select count(*)::int as count from outbox where message_key = $1',
      [client.id],
    )
    expect(rows[0].count).toBe(1)
  })

  it('renaming a vendor should rename its payable account', async () => {
    const { vendor } = await vendorSetup()
    const name = unique('Acme Renamed')

    await patch('vendors', vendor.id, { name })

    const accounts = (
      await ledger.call('GET', `/ledger/accounts?ownerId=${String(vendor.id)}`, { as: admin })
    ).json()
    expect(accounts.items[0].name).toBe(`Payable - vendor ${name}`)
  })

  it('a retried command should replay its first answer and do nothing more', async () => {
    const key = randomUUID()
    const body = { name: unique('Hooli') }

    const first = await ledger.call('POST', '/ledger/clients', { as: admin, body, idempotencyKey: key })
    const retry = await ledger.call('POST', '/ledger/clients', { as: admin, body, idempotencyKey: key })
    const misuse = await ledger.call('POST', '/ledger/clients', {
      as: admin,
      body: { name: unique('Other') },
      idempotencyKey: key,
    })

    expect(retry.statusCode).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.json()).toEqual(first.json())
    expect(misuse.statusCode).toBe(422)
    const { rows } = await ledger.pool.query('select count(*)::int as count from clients where name = $1', [
      body.name,
    ])
    expect(rows[0].count).toBe(1)
  })

  it('a patch with a stale If-Match should be a 412', async () => {
    const client = await create('clients', { name: unique('Stark') })

    const stale = await ledger.call('PATCH', `/ledger/clients/${String(client.id)}`, {
      as: admin,
      body: { name: unique('Stark') },
      headers: { 'if-match': '"7"' },
    })
    const current = await ledger.call('PATCH', `/ledger/clients/${String(client.id)}`, {
      as: admin,
      body: { active: false },
      headers: { 'if-match': '"1"' },
    })

    expect(stale.json()).toMatchObject({ status: 412, code: 'PRECONDITION_FAILED' })
    expect(current.json()).toMatchObject({ version: 2, active: false })
  })

  it('lists should be paginated by name and filtered by reference', async () => {
    const client = await create('clients', { name: unique('Wayne') })
    for (const code of ['P-3', 'P-1', 'P-2']) {
      await create('sites', { code: `${code}-${counter}`, name: code, clientId: client.id })
    }

    const first = (
      await ledger.call('GET', `/ledger/sites?clientId=${String(client.id)}&limit=2`, { as: admin })
    ).json()
    const second = (
      await ledger.call(
        'GET',
        `/ledger/sites?clientId=${String(client.id)}&limit=2&cursor=${first.nextCursor}`,
        {
          as: admin,
        },
      )
    ).json()

    expect([...first.items, ...second.items].map((site: { name: string }) => site.name)).toEqual([
      'P-1',
      'P-2',
      'P-3',
    ])
    expect(second.nextCursor).toBeNull()
  })

  it('the master-data topic should be compacted', async () => {
    const kafka = new Kafka({
      clientId: 'ledger-test-admin',
      brokers: infra().kafkaBrokers,
      logLevel: logLevel.ERROR,
    })
    const kafkaAdmin = kafka.admin()
    await kafkaAdmin.connect()
    try {
      const topic = `${ledger.service.context.config.KAFKA_TOPIC_PREFIX}${topics.masterData}`
      const { resources } = await kafkaAdmin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['cleanup.policy'] }],
      })

      expect(resources[0]?.configEntries[0]?.configValue).toBe('compact')
    } finally {
      await kafkaAdmin.disconnect()
    }
  })
})

describe('openapi', () => {
  it('the service should describe its master-data and journal routes', async () => {
    const response = await ledger.call('GET', '/openapi.json', { as: admin })

    expect(response.statusCode).toBe(200)
    expect(Object.keys(response.json().paths)).toEqual(
      expect.arrayContaining(['/ledger/vendors', '/ledger/vendors/{id}', '/ledger/accounts/{id}/entries']),
    )
  })
})
