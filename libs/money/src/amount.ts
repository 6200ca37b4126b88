import { isCurrency, minorUnitsOf, type Currency } from './currencies.ts'

/** Why a decimal string is not an amount of a currency; the HTTP layer turns it into a field error. */
export class AmountError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AmountError'
  }
}

const DECIMAL = /^(0|[1-9]\d{0,17})(?:\.(\d+))?$/
const MAX_MINOR = 2n ** 63n - 1n

/**
 * Parses a decimal string (`"1250.00"`, `"7"`, `"0.5"`) into integer minor units of `currency`.
 * No signs, exponents, spaces or thousands separators; more decimals than the currency has is
 * refused rather than rounded, because rounding money silently is how ledgers drift.
 */
export function parseAmount(text: string, currency: Currency): bigint {
  const match = DECIMAL.exec(text)
  if (match === null) {
    throw new AmountError('must be a non-negative decimal string such as "1250.00"')
  }

  const digits = minorUnitsOf(currency)
  const fraction = match[2] ?? ''
  if (fraction.length > digits) {
    throw new AmountError(
      digits === 0 ? `${currency} has no minor unit` : `${currency} allows at most ${digits} decimals`,
    )
  }

  const minor = BigInt(match[1]!) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0')
  if (minor > MAX_MINOR) {
    throw new AmountError('is too large')
  }

  return minor
}

/** Formats minor units as the API's decimal string, always with the currency's decimals. */
export function formatAmount(minor: bigint, currency: Currency | string): string {
  if (!isCurrency(currency)) {
    throw new TypeError(`unknown currency ${currency}`)
  }

  const digits = minorUnitsOf(currency)
  const sign = minor < 0n ? '-' : ''
  const absolute = minor < 0n ? -minor : minor
  if (digits === 0) {
    return `${sign}${absolute}`
  }

  const scale = 10n ** BigInt(digits)
  return `${sign}${absolute / scale}.${(absolute % scale).toString().padStart(digits, '0')}`
}
