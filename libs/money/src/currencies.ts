/**
 * The currencies the product accepts, with their ISO 4217 minor units. A currency outside this
 * list is refused at the edge; adding one is a one-line change here.
 */
export const currencyMinorUnits = {
  AED: 2,
  AUD: 2,
  BHD: 3,
  CAD: 2,
  CHF: 2,
  CNY: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  IDR: 2,
  INR: 2,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  MYR: 2,
  NZD: 2,
  PHP: 2,
  SAR: 2,
  SGD: 2,
  THB: 2,
  USD: 2,
  VND: 0,
} as const

export type Currency = keyof typeof currencyMinorUnits

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && Object.hasOwn(currencyMinorUnits, value)
}

export function minorUnitsOf(currency: Currency): number {
  return currencyMinorUnits[currency]
}
