export { currencyMinorUnits, isCurrency, minorUnitsOf, type Currency } from './currencies.ts'
export { AmountError, formatAmount, parseAmount } from './amount.ts'
export { amountSchema, currencySchema } from './schemas.ts'
