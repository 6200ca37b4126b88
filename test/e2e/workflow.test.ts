import { ApiClient, type RunningSystem } from '@pay/system'
import { waitFor } from '@pay/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestSystem } from '../support/system.ts'

interface Batch {
  id: string
  status: string
  version: number
  requests: PaymentRequest[]
  totals: { currency: string; amount: string }[]
}

interface PaymentRequest {
  id: string
  status: string
  totalAmount: string
  version: number
}

interface TrialBalance {
  currencies: {
    currency: string
    debit: string
    credit: string
    balance: string
    accounts: { code: string; balance: string }[]
  }[]
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF\n')])

describe('a batch from draft to completed, through the gateway', () => {
  let system: RunningSystem
  let admin: ApiClient
  let creator: ApiClient
  let approver: ApiClient
  let secondApprover: ApiClient
  let viewer: ApiClient
  const password = 'Seven-Blue-Kites-Fly-91'

  beforeAll(async () => {
    system = await startTestSystem('e2e')
    admin = await ApiClient.login(system.gatewayUrl, system.adminUsername, system.adminPassword)
    for (const [username, role] of [
      ['carla.creator', 'CREATOR'],
      ['arun.approver', 'APPROVER'],
      ['bea.approver', 'APPROVER'],
      ['vic.viewer', 'VIEWER'],
    ]) {
      await admin.expect(201, 'POST', 'users', { body: { username, password, role, displayName: username } })
    }
    creator = await ApiClient.login(system.gatewayUrl, 'carla.creator', password)
    approver = await ApiClient.login(system.gatewayUrl, 'arun.approver', password)
    secondApprover = await ApiClient.login(system.gatewayUrl, 'bea.approver', password)
    viewer = await ApiClient.login(system.gatewayUrl, 'vic.viewer', password)
  }, 180_000)

  afterAll(async () => {
    await system?.stop()
  })

  it('should take a batch with legacy and ledger-driven requests through decisions, payment and completion', async () => {
    await admin
      .expect(200, 'PUT', 'approvals/policies/USD', { body: { threshold: '5000.00' } })
      .catch(() => admin.expect(201, 'PUT', 'approvals/policies/USD', { body: { threshold: '5000.00' } }))
    const client = await admin.expect<{ id: string }>(201, 'POST', 'ledger/clients', {
      body: { name: 'Acme' },
    })
    const site = await admin.expect<{ id: string }>(201, 'POST', 'ledger/sites', {
      body: { code: 'MNL-01', name: 'Manila', clientId: client.id },
    })
    const vendorType = await admin.expect<{ id: string }>(201, 'POST', 'ledger/vendor-types', {
      body: { name: 'Freight' },
    })
    const vendor = await admin.expect<{ id: string }>(201, 'POST', 'ledger/vendors', {
      body: { name: 'FastFreight', vendorTypeId: vendorType.id },
    })

    const batch = await creator.expect<Batch>(201, 'POST', 'batches', {
      body: { title: 'December payables' },
    })
    const legacy = await creator.expect<PaymentRequest>(201, 'POST', `batches/${batch.id}/requests`, {
      body: {
        amount: '1250.00',
        currency: 'USD',
        beneficiaryName: 'Jordan Reyes',
        beneficiaryAccount: 'PH12-3456',
        purpose: 'Travel',
      },
    })
    const toReject = await creator.expect<PaymentRequest>(201, 'POST', `batches/${batch.id}/requests`, {
      body: {
        amount: '80.00',
        currency: 'USD',
        beneficiaryName: 'Sam Lee',
        beneficiaryAccount: 'X-1',
        purpose: 'Gift',
      },
    })
    // The request service knows the vendor once the ledger's master-data event reached it.
    const ledgerDriven = await waitFor(
      async () => {
        const response = await creator.call<PaymentRequest>('POST', `batches/${batch.id}/requests`, {
          body: {
            entityType: 'VENDOR',
            vendorId: vendor.id,
            siteId: site.id,
            baseAmount: '6000.00',
            extraAmount: '500.00',
            extraReason: 'Weekend delivery',
            currency: 'USD',
          },
        })
        return response.status === 201 ? response.body : undefined
      },
      { timeoutMs: 10_000, message: 'the vendor never reached the request service' },
    )
    expect(ledgerDriven.totalAmount).toBe('6500.00')

    const upload = new FormData()
    upload.append('file', new Blob([PDF], { type: 'application/pdf' }), 'invoice.pdf')
    const uploaded = await fetch(`${system.gatewayUrl}/api/v1/requests/${legacy.id}/soa`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessTokenOf(creator)}`, 'idempotency-key': `soa-${legacy.id}` },
      body: upload,
    })
    expect(uploaded.status).toBe(201)

    // Refused before submission: nobody can decide a request the approval service has not seen.
    expect((await approver.call('POST', `requests/${legacy.id}/approve`, { body: {} })).status).toBe(409)

    await creator.expect(200, 'POST', `batches/${batch.id}/submit`, { body: {} })
    const edit = await creator.call('PATCH', `batches/${batch.id}/requests/${legacy.id}`, {
      body: { purpose: 'Changed after submission' },
    })
    expect(edit.status).toBe(409)

    await waitFor(
      async () => {
        const queue = await approver.expect<{ items: { requestId: string }[] }>(200, 'GET', 'approvals/queue')
        return queue.items.length === 3
      },
      { timeoutMs: 10_000, message: 'the submitted requests never reached the approval queue' },
    )

    await approver.expect(200, 'POST', `requests/${legacy.id}/approve`, { body: { comment: 'ok' } })
    await approver.expect(200, 'POST', `requests/${toReject.id}/reject`, {
      body: { comment: 'not a business cost' },
    })
    const vote = await approver.expect<{ status: string; approvalCount: number }>(
      200,
      'POST',
      `requests/${ledgerDriven.id}/approve`,
      { body: {} },
    )
    expect(vote).toMatchObject({ status: 'PENDING', approvalCount: 1 })
    await secondApprover.expect(200, 'POST', `requests/${ledgerDriven.id}/approve`, { body: {} })

    await waitForStatus(creator, legacy.id, 'APPROVED')
    await waitForStatus(creator, ledgerDriven.id, 'APPROVED')
    await waitForStatus(creator, toReject.id, 'REJECTED')

    for (const request of [legacy, ledgerDriven]) {
      await admin.expect(200, 'POST', `requests/${request.id}/mark-paid`, { body: {} })
    }

    const completed = await waitFor(
      async () => {
        const current = await creator.expect<Batch>(200, 'GET', `batches/${batch.id}`)
        return current.status === 'COMPLETED' ? current : undefined
      },
      { timeoutMs: 10_000, message: 'the batch never completed' },
    )
    expect(completed.requests.map((request) => request.status).sort()).toEqual(['PAID', 'PAID', 'REJECTED'])

    for (const request of [legacy, ledgerDriven, toReject]) {
      await waitFor(
        async () => {
          const versions = await creator.expect<{ items: { source: string }[] }>(
            200,
            'GET',
            `requests/${request.id}/soa`,
          )
          return versions.items.some((version) => version.source === 'GENERATED')
        },
        { timeoutMs: 15_000, message: `no generated SOA on request ${request.id}` },
      )
    }

    // The ledger: both payables are settled, expense and bank show the paid totals, and USD balances.
    const trial = await waitFor(
      async () => {
        const balance = await admin.expect<TrialBalance>(200, 'GET', 'ledger/trial-balance')
        const usd = balance.currencies.find((group) => group.currency === 'USD')
        return usd?.debit === '15500.00' ? usd : undefined
      },
      { timeoutMs: 10_000, message: 'the accruals and settlements never all posted' },
    )
    const line = (code: string) => trial.accounts.find((account) => account.code === code)?.balance
    expect(trial.balance).toBe('0.00')
    expect(line(`payable:vendor:${vendor.id}`)).toBe('0.00')
    expect(line('payable:legacy')).toBe('0.00')
    expect(line(`expense:site:${site.id}`)).toBe('6500.00')
    expect(line('expense:unassigned')).toBe('1250.00')
    expect(line('bank-clearing:USD')).toBe('-7750.00')

    // The audit trail: the whole life of the dual-controlled request, and an intact chain.
    const history = await waitFor(
      async () => {
        const page = await admin.expect<{ items: { eventType: string; actorId: string | null }[] }>(
          200,
          'GET',
          `audit?entityId=${ledgerDriven.id}&limit=100`,
        )
        const types = page.items.map((item) => item.eventType)
        return ['RequestCreated', 'RequestSubmitted', 'RequestApproved', 'RequestPaid'].every((type) =>
          types.includes(type),
        )
          ? page.items
          : undefined
      },
      { timeoutMs: 15_000, message: 'the audit trail is missing part of the request life' },
    )
    expect(history.filter((item) => item.eventType === 'RequestApproved')).toHaveLength(1)
    const verify = await admin.expect<{ intact: boolean; checked: number }>(200, 'GET', 'audit/verify')
    expect(verify.intact).toBe(true)
    expect(verify.checked).toBeGreaterThan(10)

    // A viewer reads, and may not act.
    expect((await viewer.call('GET', `batches/${batch.id}`)).status).toBe(200)
    expect((await viewer.call('POST', 'batches', { body: { title: 'not mine to make' } })).status).toBe(403)
  }, 180_000)

  it('should refuse self-approval, replay a retried command and refuse a changed one', async () => {
    const batch = await admin.expect<Batch>(201, 'POST', 'batches', { body: { title: 'Admin batch' } })
    const request = await admin.expect<PaymentRequest>(201, 'POST', `batches/${batch.id}/requests`, {
      body: {
        amount: '10.00',
        currency: 'USD',
        beneficiaryName: 'Pat',
        beneficiaryAccount: 'A-1',
        purpose: 'Test',
      },
    })
    await admin.expect(200, 'POST', `batches/${batch.id}/submit`, { body: {} })
    await waitFor(async () => (await admin.call('GET', `requests/${request.id}/approvals`)).status === 200, {
      timeoutMs: 10_000,
    })

    const selfApproval = await admin.call<{ code: string }>('POST', `requests/${request.id}/approve`, {
      body: {},
    })
    expect(selfApproval.status).toBe(403)
    await expect(creator.call('POST', `requests/${request.id}/approve`, { body: {} })).resolves.toMatchObject(
      {
        status: 403,
      },
    )

    const key = `create-batch-${batch.id}`
    const first = await creator.call<Batch>('POST', 'batches', {
      body: { title: 'Once' },
      idempotencyKey: key,
    })
    const retry = await creator.call<Batch>('POST', 'batches', {
      body: { title: 'Once' },
      idempotencyKey: key,
    })
    const changed = await creator.call('POST', 'batches', { body: { title: 'Twice' }, idempotencyKey: key })
    const withoutKey = await creator.call('POST', 'batches', {
      body: { title: 'No key' },
      idempotencyKey: null,
    })

    expect(first.status).toBe(201)
    expect(retry.status).toBe(201)
    expect(retry.body.id).toBe(first.body.id)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(changed.status).toBe(422)
    expect(withoutKey.status).toBe(400)
  }, 60_000)
})

async function waitForStatus(client: ApiClient, requestId: string, status: string): Promise<void> {
  await waitFor(
    async () => (await client.expect<PaymentRequest>(200, 'GET', `requests/${requestId}`)).status === status,
    { timeoutMs: 10_000, message: `request ${requestId} never became ${status}` },
  )
}

function accessTokenOf(client: ApiClient): string {
  return client.accessToken!
}
