import { commonError, type FieldError } from '@pay/errors'
import { AmountError, formatAmount, parseAmount, type Currency } from '@pay/money'

import { requestError } from '../errors.ts'

export type RequestKind = 'LEGACY' | 'LEDGER'
export type EntityType = 'VENDOR' | 'SUBCONTRACTOR'

/** A free beneficiary: the whole amount is the base, there is never an extra. */
export interface LegacyFields {
  kind: 'LEGACY'
  currency: Currency
  baseAmount: bigint
  beneficiaryName: string
  beneficiaryAccount: string
  purpose: string
}

/** A vendor or subcontractor from master data, paid for work on one site. */
export interface LedgerFields {
  kind: 'LEDGER'
  currency: Currency
  baseAmount: bigint
  extraAmount: bigint
  extraReason: string | null
  entityType: EntityType
  vendorId: string | null
  subcontractorId: string | null
  siteId: string
}

export type RequestFields = LegacyFields | LedgerFields

/** What a client sends to create a request (shapes already checked); amounts still decimal strings. */
export interface RequestInput {
  currency?: Currency
  amount?: string
  beneficiaryName?: string
  beneficiaryAccount?: string
  purpose?: string
  entityType?: EntityType
  vendorId?: string | null
  subcontractorId?: string | null
  siteId?: string
  baseAmount?: string
  extraAmount?: string
  extraReason?: string | null
}

const legacyOnly = ['amount', 'beneficiaryName', 'beneficiaryAccount', 'purpose'] as const
const ledgerOnly = [
  'entityType',
  'vendorId',
  'subcontractorId',
  'siteId',
  'baseAmount',
  'extraAmount',
  'extraReason',
] as const
const MAX_AMOUNT = 2n ** 63n - 1n

export function totalOf(fields: RequestFields): bigint {
  return fields.baseAmount + extraOf(fields)
}

export function extraOf(fields: RequestFields): bigint {
  return fields.kind === 'LEDGER' ? fields.extraAmount : 0n
}

/**
 * Turns a create body into the fields of a legacy or a ledger-driven request. The kind follows
 * from which fields are present; mixing the two kinds, a missing field, a zero base, more decimals
 * than the currency has, or an extra without a reason is a 400 naming every offending field.
 */
export function requestFieldsFrom(input: RequestInput): RequestFields {
  const present = (name: keyof RequestInput) => input[name] !== undefined && input[name] !== null
  const isLedger = ledgerOnly.some(present)
  const isLegacy = legacyOnly.some(present)
  const errors: FieldError[] = []

  if (isLedger && isLegacy) {
    for (const name of legacyOnly.filter(present)) {
      errors.push({ path: name, message: 'not allowed in a ledger-driven request' })
    }
    throw invalid(errors)
  }

  if (input.currency === undefined) {
    errors.push({ path: 'currency', message: 'required' })
  }

  const fields = isLedger ? ledgerFields(input, errors) : legacyFields(input, errors)
  if (errors.length > 0 || fields === undefined) {
    throw invalid(errors)
  }

  return fields
}

/**
 * Applies a PATCH to the current fields: fields left out keep their value, `null` clears an
 * optional one. A patch may not turn a legacy request into a ledger-driven one or back.
 */
export function patchRequestFields(current: RequestFields, patch: RequestInput): RequestFields {
  const foreign = current.kind === 'LEGACY' ? ledgerOnly : legacyOnly
  const present = foreign.filter((name) => patch[name] !== undefined)
  if (present.length > 0) {
    throw requestError('KIND_CHANGE', undefined, {
      fields: present.map((name) => ({ path: name, message: `not a field of a ${current.kind} request` })),
    })
  }

  const merged: RequestInput = { ...inputOf(current) }
  for (const [name, value] of Object.entries(patch) as [keyof RequestInput, unknown][]) {
    if (value !== undefined) {
      Object.assign(merged, { [name]: value })
    }
  }
  // Choosing the other kind of payee drops the id of the former one.
  if (patch.entityType === 'VENDOR' && patch.subcontractorId === undefined) {
    merged.subcontractorId = null
  }
  if (patch.entityType === 'SUBCONTRACTOR' && patch.vendorId === undefined) {
    merged.vendorId = null
  }

  return requestFieldsFrom(merged)
}

function legacyFields(input: RequestInput, errors: FieldError[]): LegacyFields | undefined {
  for (const name of legacyOnly) {
    if (input[name] === undefined) {
      errors.push({ path: name, message: 'required' })
    }
  }
  if (errors.length > 0 || input.currency === undefined) {
    return undefined
  }

  const baseAmount = amountField('amount', input.amount!, input.currency, errors, { positive: true })
  if (baseAmount === undefined) {
    return undefined
  }

  return {
    kind: 'LEGACY',
    currency: input.currency,
    baseAmount,
    beneficiaryName: input.beneficiaryName!,
    beneficiaryAccount: input.beneficiaryAccount!,
    purpose: input.purpose!,
  }
}

function ledgerFields(input: RequestInput, errors: FieldError[]): LedgerFields | undefined {
  for (const name of ['entityType', 'siteId', 'baseAmount'] as const) {
    if (input[name] === undefined) {
      errors.push({ path: name, message: 'required' })
    }
  }
  const payeeId = payeeIdErrors(input)
  errors.push(...payeeId)
  if (errors.length > 0 || input.currency === undefined) {
    return undefined
  }

  const baseAmount = amountField('baseAmount', input.baseAmount!, input.currency, errors, { positive: true })
  const extraAmount = amountField('extraAmount', input.extraAmount ?? '0', input.currency, errors, {
    positive: false,
  })
  const extraReason = input.extraReason ?? null
  if (extraAmount !== undefined && extraAmount > 0n && extraReason === null) {
    errors.push({ path: 'extraReason', message: 'required when extraAmount is above zero' })
  }
  if (baseAmount !== undefined && extraAmount !== undefined && baseAmount + extraAmount > MAX_AMOUNT) {
    errors.push({ path: 'extraAmount', message: 'makes the total too large' })
  }
  if (errors.length > 0 || baseAmount === undefined || extraAmount === undefined) {
    return undefined
  }

  return {
    kind: 'LEDGER',
    currency: input.currency,
    baseAmount,
    extraAmount,
    extraReason,
    entityType: input.entityType!,
    vendorId: input.vendorId ?? null,
    subcontractorId: input.subcontractorId ?? null,
    siteId: input.siteId!,
  }
}

function payeeIdErrors(input: RequestInput): FieldError[] {
  const vendor = input.vendorId ?? null
  const subcontractor = input.subcontractorId ?? null
  if (input.entityType === 'VENDOR') {
    return [
      ...(vendor === null ? [{ path: 'vendorId', message: 'required for a VENDOR payee' }] : []),
      ...(subcontractor === null
        ? []
        : [{ path: 'subcontractorId', message: 'not allowed for a VENDOR payee' }]),
    ]
  }
  if (input.entityType === 'SUBCONTRACTOR') {
    return [
      ...(subcontractor === null
        ? [{ path: 'subcontractorId', message: 'required for a SUBCONTRACTOR payee' }]
        : []),
      ...(vendor === null ? [] : [{ path: 'vendorId', message: 'not allowed for a SUBCONTRACTOR payee' }]),
    ]
  }

  return []
}

function amountField(
  path: string,
  text: string,
  currency: Currency,
  errors: FieldError[],
  options: { positive: boolean },
): bigint | undefined {
  try {
    const amount = parseAmount(text, currency)
    if (options.positive && amount === 0n) {
      errors.push({ path, message: 'must be greater than zero' })
      return undefined
    }

    return amount
  } catch (error) {
    if (!(error instanceof AmountError)) {
      throw error
    }

    errors.push({ path, message: error.message })
    return undefined
  }
}

/** The fields as a client would have sent them; a PATCH is merged onto this. */
function inputOf(fields: RequestFields): RequestInput {
  if (fields.kind === 'LEGACY') {
    return {
      currency: fields.currency,
      amount: formatAmount(fields.baseAmount, fields.currency),
      beneficiaryName: fields.beneficiaryName,
      beneficiaryAccount: fields.beneficiaryAccount,
      purpose: fields.purpose,
    }
  }

  return {
    currency: fields.currency,
    baseAmount: formatAmount(fields.baseAmount, fields.currency),
    extraAmount: formatAmount(fields.extraAmount, fields.currency),
    extraReason: fields.extraReason,
    entityType: fields.entityType,
    vendorId: fields.vendorId,
    subcontractorId: fields.subcontractorId,
    siteId: fields.siteId,
  }
}

function invalid(fields: FieldError[]) {
  return commonError('VALIDATION_FAILED', undefined, { fields })
}
