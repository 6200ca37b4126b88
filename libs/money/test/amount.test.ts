import { describe, expect, it } from 'vitest'

import { AmountError, formatAmount, parseAmount } from '../src/index.ts'

describe('parseAmount', () => {
  it('should read decimal strings into minor units per currency', () => {
    expect(parseAmount('1250.00', 'USD')).toBe(125000n)
    expect(parseAmount('1250.5', 'EUR')).toBe(125050n)
    expect(parseAmount('7', 'USD')).toBe(700n)
    expect(parseAmount('0.001', 'KWD')).toBe(1n)
    expect(parseAmount('1500', 'JPY')).toBe(1500n)
    expect(parseAmount('0', 'USD')).toBe(0n)
  })

  it('should keep amounts above 2^53 exact', () => {
    expect(parseAmount('92233720368547758.07', 'USD')).toBe(9223372036854775807n)
  })

  it('should refuse more decimals than the currency has', () => {
    expect(() => parseAmount('1.005', 'USD')).toThrow(AmountError)
    expect(() => parseAmount('1.5', 'JPY')).toThrow(/no minor unit/)
  })

  it('should refuse signs, exponents, separators, blanks and leading zeros', () => {
    for (const bad of ['-1.00', '+1', '1e3', '1,000.00', ' 1', '', '.5', '01.00', 'NaN', 'Infinity', '1.']) {
      expect(() => parseAmount(bad, 'USD'), bad).toThrow(AmountError)
    }
  })

  it('should refuse amounts that do not fit a bigint column', () => {
    expect(() => parseAmount('92233720368547758.08', 'USD')).toThrow(/too large/)
  })
})

describe('formatAmount', () => {
  it('should write the currency decimals', () => {
    expect(formatAmount(125000n, 'USD')).toBe('1250.00')
    expect(formatAmount(5n, 'USD')).toBe('0.05')
    expect(formatAmount(1500n, 'JPY')).toBe('1500')
    expect(formatAmount(1n, 'BHD')).toBe('0.001')
    expect(formatAmount(-250n, 'EUR')).toBe('-2.50')
  })

  it('should round-trip with parseAmount', () => {
    for (const text of ['0.00', '0.01', '999999.99', '123456789012.34']) {
      expect(formatAmount(parseAmount(text, 'USD'), 'USD')).toBe(text)
    }
  })
})
