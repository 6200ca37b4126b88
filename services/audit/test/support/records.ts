import type { AuditRecord } from '../../src/domain/audit-record.ts'

/** A fully filled record with fixed values, so hashes in tests are reproducible. */
export function sampleRecord(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    eventId: '6f1c2a3e-0b4d-4c5e-8f60-718293a4b5c6',
    eventType: 'RequestStatusChanged',
    entityType: 'PaymentRequest',
    entityId: '0d9e8f7a-6b5c-4d3e-9f10-a1b2c3d4e5f6',
    entityVersion: 4n,
    actorId: '11111111-2222-4333-8444-555555555555',
    correlationId: 'req-42',
    causationId: null,
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    previousState: { status: 'PENDING_APPROVAL' },
    newState: { status: 'APPROVED' },
    occurredAt: new Date('2025-03-01T09:30:00.123Z'),
    recordedAt: new Date('2025-03-01T09:30:01.000Z'),
    sourceTopic: 'payments.requests.v1',
    sourcePartition: 2,
    sourceOffset: 17n,
    payload: { requestId: '0d9e8f7a-6b5c-4d3e-9f10-a1b2c3d4e5f6', reason: null, amount: '125000' },
    ...overrides,
  }
}
