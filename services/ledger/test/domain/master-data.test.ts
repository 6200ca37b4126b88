import { isAppError } from '@pay/errors'
import { describe, expect, it } from 'vitest'

import {
  assertReferenceUsable,
  newMasterDataRecord,
  patchMasterDataRecord,
  referencesToCheck,
} from '../../src/domain/master-data.ts'

const created = new Date('2025-01-01T00:00:00Z')
const later = new Date('2025-02-01T00:00:00Z')
const evenLater = new Date('2025-03-01T00:00:00Z')
const typeId = '00000000-0000-4000-8000-000000000001'
const otherTypeId = '00000000-0000-4000-8000-000000000002'

function vendor() {
  return newMasterDataRecord('vendor', 'v-1', { name: 'Acme', vendorTypeId: typeId }, created)
}

describe('newMasterDataRecord', () => {
  it('newMasterDataRecord should start active at version 1, effective from its creation', () => {
    const record = vendor()

    expect(record).toMatchObject({
      active: true,
      version: 1n,
      effectiveFrom: created,
      deactivatedAt: null,
      fields: { name: 'Acme', vendorTypeId: typeId },
    })
  })

  it('newMasterDataRecord should keep only the attributes of its kind and null the missing ones', () => {
    const record = newMasterDataRecord(
      'subcontractor',
      's-1',
      { name: 'Bolt', scopeId: typeId, extra: 'x' },
      created,
    )

    expect(record.fields).toEqual({ name: 'Bolt', scopeId: typeId, assignedSiteId: null })
  })
})

describe('patchMasterDataRecord', () => {
  it('patchMasterDataRecord should deactivate with a timestamp and a new version', () => {
    const next = patchMasterDataRecord(vendor(), { fields: {}, active: false }, later)

    expect(next).toMatchObject({ active: false, deactivatedAt: later, effectiveFrom: created, version: 2n })
  })

  it('patchMasterDataRecord should reactivate by clearing the deactivation and restarting effectiveFrom', () => {
    const deactivated = patchMasterDataRecord(vendor(), { fields: {}, active: false }, later)!
    const reactivated = patchMasterDataRecord(deactivated, { fields: {}, active: true }, evenLater)

    expect(reactivated).toMatchObject({
      active: true,
      deactivatedAt: null,
      effectiveFrom: evenLater,
      version: 3n,
    })
  })

  it('patchMasterDataRecord should return undefined when nothing changes', () => {
    expect(patchMasterDataRecord(vendor(), { fields: { name: 'Acme' }, active: true }, later)).toBeUndefined()
  })

  it('patchMasterDataRecord should change only the attributes given', () => {
    const next = patchMasterDataRecord(vendor(), { fields: { name: 'Acme Ltd' } }, later)

    expect(next?.fields).toEqual({ name: 'Acme Ltd', vendorTypeId: typeId })
    expect(next?.updatedAt).toEqual(later)
  })
})

describe('referencesToCheck', () => {
  it('referencesToCheck should list every set reference of a new entity', () => {
    const record = newMasterDataRecord('subcontractor', 's-1', { name: 'Bolt', scopeId: typeId }, created)

    expect(referencesToCheck(record)).toEqual([{ field: 'scopeId', kind: 'subcontractorScope', id: typeId }])
  })

  it('referencesToCheck should skip references a patch leaves unchanged', () => {
    const current = vendor()
    const renamed = patchMasterDataRecord(current, { fields: { name: 'Acme Ltd' } }, later)!
    const retyped = patchMasterDataRecord(current, { fields: { vendorTypeId: otherTypeId } }, later)!

    expect(referencesToCheck(renamed, current)).toEqual([])
    expect(referencesToCheck(retyped, current)).toEqual([
      { field: 'vendorTypeId', kind: 'vendorType', id: otherTypeId },
    ])
  })
})

describe('assertReferenceUsable', () => {
  const reference = { field: 'vendorTypeId', kind: 'vendorType' as const, id: typeId }

  it('assertReferenceUsable should refuse a missing entity with REFERENCE_NOT_FOUND on the field', () => {
    const error = catchError(() => assertReferenceUsable(reference, undefined))

    expect(error).toMatchObject({ code: 'REFERENCE_NOT_FOUND', status: 422 })
    expect(error.fields).toEqual([{ path: 'vendorTypeId', message: 'no such vendor type' }])
  })

  it('assertReferenceUsable should refuse a deactivated entity with REFERENCE_INACTIVE', () => {
    expect(catchError(() => assertReferenceUsable(reference, { active: false }))).toMatchObject({
      code: 'REFERENCE_INACTIVE',
      status: 422,
    })
  })

  it('assertReferenceUsable should accept an active entity', () => {
    expect(() => assertReferenceUsable(reference, { active: true })).not.toThrow()
  })
})

function catchError(action: () => void) {
  try {
    action()
  } catch (error) {
    if (isAppError(error)) {
      return error
    }
    throw error
  }
  throw new Error('expected an AppError')
}
