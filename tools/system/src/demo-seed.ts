import { randomBytes } from 'node:crypto'

import { ApiClient } from './api-client.ts'

interface Entity {
  id: string
}

const demoUsers = [
  { username: 'casey.creator', displayName: 'Casey Creator', role: 'CREATOR' },
  { username: 'alex.approver', displayName: 'Alex Approver', role: 'APPROVER' },
  { username: 'blair.approver', displayName: 'Blair Approver', role: 'APPROVER' },
  { username: 'val.viewer', displayName: 'Val Viewer', role: 'VIEWER' },
] as const

/**
 * Demo data through the public API, exactly as users would create it: users of every role, master
 * data, and a batch ready to submit. Existing users are left alone, so a second run adds nothing.
 */
export async function seedDemo(
  gatewayUrl: string,
  adminUsername: string,
  adminPassword: string,
): Promise<void> {
  const admin = await ApiClient.login(gatewayUrl, adminUsername, adminPassword)
  const existing = await admin.expect<{ items: { username: string }[] }>(200, 'GET', 'users?limit=200')
  if (existing.items.some((user) => user.username === demoUsers[0].username)) {
    console.log('seed: demo data exists already')
    return
  }

  const password = `Demo-${randomBytes(9).toString('base64url')}`
  for (const user of demoUsers) {
    await admin.expect(201, 'POST', 'users', { body: { ...user, password } })
  }

  const client = await admin.expect<Entity>(201, 'POST', 'ledger/clients', {
    body: { name: 'Acme Holdings' },
  })
  const site = await admin.expect<Entity>(201, 'POST', 'ledger/sites', {
    body: { code: 'MNL-01', name: 'Manila warehouse', clientId: client.id },
  })
  const vendorType = await admin.expect<Entity>(201, 'POST', 'ledger/vendor-types', {
    body: { name: 'Logistics' },
  })
  const vendor = await admin.expect<Entity>(201, 'POST', 'ledger/vendors', {
    body: { name: 'FastFreight Inc', vendorTypeId: vendorType.id },
  })
  const scope = await admin.expect<Entity>(201, 'POST', 'ledger/subcontractor-scopes', {
    body: { name: 'Electrical' },
  })
  await admin.expect(201, 'POST', 'ledger/subcontractors', {
    body: { name: 'Volt Works', scopeId: scope.id, assignedSiteId: site.id },
  })

  const creator = await ApiClient.login(gatewayUrl, 'casey.creator', password)
  const batch = await creator.expect<Entity>(201, 'POST', 'batches', {
    body: { title: 'Demo: December payables' },
  })
  await creator.expect(201, 'POST', `batches/${batch.id}/requests`, {
    body: {
      amount: '1250.00',
      currency: 'USD',
      beneficiaryName: 'Jordan Reyes',
      beneficiaryAccount: 'PH12-3456-7890',
      purpose: 'Reimbursement of site travel',
    },
  })

  // The request service learns of the vendor and site from the ledger's events: wait for them.
  const ledgerRequest = {
    entityType: 'VENDOR',
    vendorId: vendor.id,
    siteId: site.id,
    baseAmount: '18400.00',
    extraAmount: '600.00',
    extraReason: 'Weekend delivery surcharge',
    currency: 'USD',
  }
  for (let attempt = 0; ; attempt += 1) {
    const response = await creator.call('POST', `batches/${batch.id}/requests`, { body: ledgerRequest })
    if (response.status === 201) break
    if (response.status !== 422 || attempt > 50) {
      throw new Error(`seed: creating the ledger-driven request failed: ${JSON.stringify(response.body)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }

  console.log(`seed: demo users ${demoUsers.map((user) => user.username).join(', ')} share the password ${password}
seed: batch "Demo: December payables" (${batch.id}) is ready to submit as casey.creator`)
}
