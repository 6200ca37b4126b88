import { isAppError, type AppError } from '@pay/errors'
import { describe, expect, it } from 'vitest'

import {
  patchRequestFields,
  requestFieldsFrom,
  totalOf,
  type RequestInput,
} from '../src/domain/request-fields.ts'

const vendorId = '5b0f8c1e-1c1a-4a57-9b5e-0d8a5a0b7a01'
const subcontractorId = '5b0f8c1e-1c1a-4a57-9b5e-0d8a5a0b7a02'
const siteId = '5b0f8c1e-1c1a-4a57-9b5e-0d8a5a0b7a03'

const legacy: RequestInput = {
  currency: 'USD',
  amount: '1250.50',
  beneficiaryName: 'ACME Ltd',
  beneficiaryAccount: 'GB00 1234',
  purpose: 'invoice 17',
}
const ledger: RequestInput = {
  currency: 'USD',
  entityType: 'VENDOR',
  vendorId,
  siteId,
  baseAmount: '100.00',
  extraAmount: '20.5',
  extraReason: 'overtime',
}

function refusal(action: () => unknown): AppError {
  try {
    action()
  } catch (error) {
    if (isAppError(error)) {
      return error
    }
    throw error
  }
  throw new Error('expected a refusal')
}

describe('requestFieldsFrom', () => {
  it('should read a legacy request with the amount as base and no extra', () => {
    const fields = requestFieldsFrom(legacy)

    expect(fields).toMatchObject({ kind: 'LEGACY', baseAmount: 125050n, currency: 'USD' })
    expect(totalOf(fields)).toBe(125050n)
  })

  it('should read a ledger request and total base plus extra', () => {
    const fields = requestFieldsFrom(ledger)

    expect(fields).toMatchObject({ kind: 'LEDGER', baseAmount: 10000n, extraAmount: 2050n, vendorId })
    expect(totalOf(fields)).toBe(12050n)
  })

  it('should default a missing extra amount to zero', () => {
    const { extraAmount: _extra, extraReason: _reason, ...rest } = ledger

    expect(requestFieldsFrom(rest)).toMatchObject({ extraAmount: 0n, extraReason: null })
  })

  it('should refuse a mix of legacy and ledger fields naming the legacy ones', () => {
    const error = refusal(() => requestFieldsFrom({ ...ledger, purpose: 'x' }))

    expect(error.status).toBe(400)
    expect(error.fields).toEqual([{ path: 'purpose', message: 'not allowed in a ledger-driven request' }])
  })

  it('should refuse an extra amount without a reason', () => {
    const error = refusal(() => requestFieldsFrom({ ...ledger, extraReason: null }))

    expect(error.fields?.map((field) => field.path)).toEqual(['extraReason'])
  })

  it('should refuse more decimals than the currency has', () => {
    const error = refusal(() => requestFieldsFrom({ ...legacy, currency: 'JPY', amount: '10.5' }))

    expect(error.fields).toEqual([{ path: 'amount', message: 'JPY has no minor unit' }])
  })

  it('should refuse a zero base amount', () => {
    const error = refusal(() => requestFieldsFrom({ ...ledger, baseAmount: '0.00' }))

    expect(error.fields).toEqual([{ path: 'baseAmount', message: 'must be greater than zero' }])
  })

  it('should refuse a vendor payee without a vendor id and with a subcontractor id', () => {
    const error = refusal(() => requestFieldsFrom({ ...ledger, vendorId: null, subcontractorId }))

    expect(error.fields?.map((field) => field.path)).toEqual(['vendorId', 'subcontractorId'])
  })

  it('should name every missing legacy field', () => {
    const error = refusal(() => requestFieldsFrom({ currency: 'EUR' }))

    expect(error.fields?.map((field) => field.path)).toEqual([
      'amount',
      'beneficiaryName',
      'beneficiaryAccount',
      'purpose',
    ])
  })

  it('should refuse a total beyond int8', () => {
    const error = refusal(() =>
      requestFieldsFrom({ ...ledger, baseAmount: '92233720368547758.07', extraAmount: '0.01' }),
    )

    expect(error.fields?.map((field) => field.path)).toEqual(['extraAmount'])
  })
})

describe('patchRequestFields', () => {
  it('should keep the fields a patch leaves out', () => {
    const patched = patchRequestFields(requestFieldsFrom(legacy), { purpose: 'invoice 18' })

    expect(patched).toMatchObject({ purpose: 'invoice 18', baseAmount: 125050n, beneficiaryName: 'ACME Ltd' })
  })

  it('should drop the vendor id when the payee becomes a subcontractor', () => {
    const patched = patchRequestFields(requestFieldsFrom(ledger), {
      entityType: 'SUBCONTRACTOR',
      subcontractorId,
    })

    expect(patched).toMatchObject({ entityType: 'SUBCONTRACTOR', vendorId: null, subcontractorId })
  })

  it('should refuse to turn a legacy request into a ledger one with 422', () => {
    const error = refusal(() => patchRequestFields(requestFieldsFrom(legacy), { siteId }))

    expect(error).toMatchObject({ code: 'KIND_CHANGE', status: 422 })
  })

  it('should clear the extra reason only together with the extra amount', () => {
    const current = requestFieldsFrom(ledger)

    expect(refusal(() => patchRequestFields(current, { extraReason: null })).fields?.[0]?.path).toBe(
      'extraReason',
    )
    expect(patchRequestFields(current, { extraReason: null, extraAmount: '0' })).toMatchObject({
      extraAmount: 0n,
      extraReason: null,
    })
  })
})
