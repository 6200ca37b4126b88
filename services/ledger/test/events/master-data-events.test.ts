import { decodeEvent, encodeEvent } from '@pay/contracts'
import { describe, expect, it } from 'vitest'

import { masterDataKinds, newMasterDataRecord, patchMasterDataRecord } from '../../src/domain/master-data.ts'
import { masterDataChanged } from '../../src/events/master-data-events.ts'

const refId = '00000000-0000-4000-8000-000000000001'
const entityId = '00000000-0000-4000-8000-000000000002'
const cause = {
  actorId: '00000000-0000-4000-8000-000000000003',
  correlationId: 'req-12345678',
  causationId: null,
}
const attributes = { name: 'Acme', code: 'NORTH-1', clientId: refId, vendorTypeId: refId, scopeId: refId }

describe('masterDataChanged', () => {
  it.each(masterDataKinds)(
    'masterDataChanged should fit the %s event schema with the whole state',
    (kind) => {
      const record = newMasterDataRecord(kind, entityId, attributes, new Date('2025-01-01T00:00:00Z'))

      const decoded = decodeEvent(encodeEvent(masterDataChanged(record, cause)))

      expect(decoded.envelope).toMatchObject({
        aggregateId: entityId,
        aggregateVersion: 1n,
        actorId: cause.actorId,
      })
      expect(decoded.payload).toMatchObject({ name: 'Acme', active: true, version: 1n, deactivatedAt: null })
    },
  )

  it('masterDataChanged should carry the deactivation and the new version', () => {
    const created = newMasterDataRecord('vendor', entityId, attributes, new Date('2025-01-01T00:00:00Z'))
    const deactivatedAt = new Date('2025-02-01T00:00:00Z')
    const deactivated = patchMasterDataRecord(created, { fields: {}, active: false }, deactivatedAt)!

    const decoded = decodeEvent(encodeEvent(masterDataChanged(deactivated, cause)))

    expect(decoded.envelope).toMatchObject({ eventType: 'VendorChanged', aggregateVersion: 2n })
    expect(decoded.payload).toEqual({
      vendorId: entityId,
      name: 'Acme',
      vendorTypeId: refId,
      active: false,
      effectiveFrom: new Date('2025-01-01T00:00:00Z'),
      deactivatedAt,
      version: 2n,
    })
  })
})
