import { AmountError, isCurrency, parseAmount, type Currency } from '@pay/money'

/**
 * Reads `USD=10000.00,EUR=10000.00` into thresholds in minor units. Throws a TypeError naming the
 * faulty entry; the configuration loader reports it at start-up.
 */
export function parseThresholds(text: string): Map<Currency, bigint> {
  const thresholds = new Map<Currency, bigint>()
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')

  for (const entry of entries) {
    const [currency, amount, ...rest] = entry.split('=').map((part) => part.trim())
    if (currency === undefined || amount === undefined || rest.length > 0) {
      throw new TypeError(`"${entry}" is not CURRENCY=AMOUNT`)
    }

    if (!isCurrency(currency)) {
      throw new TypeError(`"${currency}" is not a supported currency`)
    }

    if (thresholds.has(currency)) {
      throw new TypeError(`${currency} is given twice`)
    }

    thresholds.set(currency, parseThreshold(currency, amount))
  }

  return thresholds
}

function parseThreshold(currency: Currency, amount: string): bigint {
  try {
    return parseAmount(amount, currency)
  } catch (error) {
    if (error instanceof AmountError) {
      throw new TypeError(`the ${currency} threshold ${error.message}`, { cause: error })
    }
    throw error
  }
}
