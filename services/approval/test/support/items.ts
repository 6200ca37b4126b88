import { randomUUID } from 'node:crypto'

import type { ApprovalItem } from '../../src/domain/approval-item.ts'

/** A pending single-approval USD item; override what a test cares about. */
export function pendingItem(overrides: Partial<ApprovalItem> = {}): ApprovalItem {
  return {
    requestId: randomUUID(),
    batchId: randomUUID(),
    createdBy: randomUUID(),
    kind: 'LEGACY',
    payeeName: 'ACME Supplies',
    beneficiaryName: 'ACME Supplies',
    beneficiaryAccount: 'DE89370400440532013000',
    purpose: 'May invoice',
    entityType: null,
    vendorId: null,
    subcontractorId: null,
    siteId: null,
    siteCode: null,
    extraReason: null,
    baseAmount: 125_000n,
    extraAmount: 0n,
    totalAmount: 125_000n,
    currency: 'USD',
    requiredApprovals: 1,
    policyThreshold: 1_000_000n,
    status: 'PENDING',
    version: 1n,
    queuedAt: new Date('2025-05-01T09:00:00Z'),
    closedAt: null,
    ...overrides,
  }
}
