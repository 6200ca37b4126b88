import { loadConfig } from '@pay/config'
import { describe, expect, it } from 'vitest'

import { approvalConfigSchema } from '../src/config.ts'
import { applyPolicy } from '../src/domain/policy.ts'
import { parseThresholds } from '../src/domain/thresholds.ts'

describe('applyPolicy', () => {
  it('should require two approvals at or above the threshold and one below it', () => {
    expect(applyPolicy(1_000_000n, 1_000_000n)).toEqual({ requiredApprovals: 2, policyThreshold: 1_000_000n })
    expect(applyPolicy(1_000_001n, 1_000_000n)).toEqual({ requiredApprovals: 2, policyThreshold: 1_000_000n })
    expect(applyPolicy(999_999n, 1_000_000n)).toEqual({ requiredApprovals: 1, policyThreshold: 1_000_000n })
  })

  it('should require one approval when the currency has no threshold', () => {
    expect(applyPolicy(10n ** 15n, null)).toEqual({ requiredApprovals: 1, policyThreshold: null })
  })
})

describe('parseThresholds', () => {
  it('should read currency=amount pairs into minor units of each currency', () => {
    const thresholds = parseThresholds(' USD=10000.00, EUR = 9500.5 ,JPY=1000000,')

    expect([...thresholds]).toEqual([
      ['USD', 1_000_000n],
      ['EUR', 950_050n],
      ['JPY', 1_000_000n],
    ])
  })

  it('should refuse malformed entries, unknown currencies, repeated currencies and over-precise amounts', () => {
    expect(() => parseThresholds('USD')).toThrow('is not CURRENCY=AMOUNT')
    expect(() => parseThresholds('USD=1=2')).toThrow('is not CURRENCY=AMOUNT')
    expect(() => parseThresholds('XXX=10')).toThrow('not a supported currency')
    expect(() => parseThresholds('USD=10,USD=20')).toThrow('USD is given twice')
    expect(() => parseThresholds('USD=10.001')).toThrow('the USD threshold')
    expect(() => parseThresholds('USD=-10')).toThrow('the USD threshold')
  })
})

describe('approvalConfigSchema', () => {
  const base = {
    DATABASE_URL: 'postgres://approval@localhost/payments',
    DATABASE_SCHEMA: 'approval',
    KAFKA_BROKERS: 'localhost:9092',
    INTERNAL_TOKEN_SECRET: 'x'.repeat(32),
  }

  it('should default to port 8082 and USD and EUR thresholds of 10000.00', () => {
    const config = loadConfig(approvalConfigSchema, base)

    expect(config.PORT).toBe(8082)
    expect([...config.DUAL_CONTROL_THRESHOLDS]).toEqual([
      ['USD', 1_000_000n],
      ['EUR', 1_000_000n],
    ])
  })

  it('should report a bad DUAL_CONTROL_THRESHOLDS by name', () => {
    expect(() => loadConfig(approvalConfigSchema, { ...base, DUAL_CONTROL_THRESHOLDS: 'USD=ten' })).toThrow(
      'DUAL_CONTROL_THRESHOLDS',
    )
  })
})
