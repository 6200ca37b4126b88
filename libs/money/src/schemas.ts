import { z } from 'zod'

import { currencyMinorUnits, type Currency } from './currencies.ts'

/** A supported ISO 4217 code, for request bodies. */
export const currencySchema = z.enum(Object.keys(currencyMinorUnits) as [Currency, ...Currency[]], {
  error: 'must be a supported ISO 4217 currency code',
})

/**
 * The shape of an amount in a request body: a decimal string. Whether its decimals fit the
 * currency is checked with `parseAmount` once the currency is known (a refinement on the object).
 */
export const amountSchema = z
  .string({ error: 'must be a decimal string such as "1250.00"' })
  .max(40, { error: 'is too long' })
  .regex(/^(0|[1-9]\d*)(\.\d+)?$/, { error: 'must be a non-negative decimal string such as "1250.00"' })
