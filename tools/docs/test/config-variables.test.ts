import { flag, int, kafkaBrokers, logLevel, port, secret } from '@pay/config'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { configVariables, type ConfigVariable } from '../src/config-variables.ts'

function variable(field: z.ZodType, name = 'SOME_SETTING'): ConfigVariable {
  const [read] = configVariables(z.object({ [name]: field }))
  if (read === undefined) {
    throw new Error('the schema has one field, so one variable is expected')
  }

  return read
}

describe('configVariables', () => {
  it('configVariables should mark a field with neither default nor optional as required', () => {
    expect(variable(z.string())).toMatchObject({ required: true, defaultValue: undefined })
    expect(variable(z.string().optional())).toMatchObject({ required: false, defaultValue: undefined })
    expect(variable(port(8080))).toMatchObject({ required: false, defaultValue: '8080' })
  })

  it('configVariables should read defaults through prefaults, pipes and flags as the environment spells them', () => {
    expect(variable(kafkaBrokers('a:1,b:2')).defaultValue).toBe('a:1,b:2')
    expect(
      variable(
        z
          .string()
          .default('x=1')
          .transform((text) => text.length),
      ).defaultValue,
    ).toBe('x=1')
    expect(variable(flag(false)).defaultValue).toBe('false')
    expect(variable(z.string().default('')).defaultValue).toBe('')
  })

  it('configVariables should state ranges, allowed values and flags', () => {
    expect(variable(int({ min: 1, max: 100, default: 10 })).accepts).toBe('integer 1–100')
    expect(variable(int({ min: 1_000 })).accepts).toBe('integer ≥ 1000')
    expect(variable(logLevel()).accepts).toBe('`fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent`')
    expect(variable(flag(true)).accepts).toBe('`true` or `false`')
    expect(variable(z.url()).accepts).toBe('URL')
    expect(variable(z.string()).accepts).toBeUndefined()
  })

  it('configVariables should take the description from describe() or meta() on any wrapper', () => {
    expect(variable(z.string().default('a').describe('outer')).description).toBe('outer')
    expect(variable(z.string().describe('inner').default('a')).description).toBe('inner')
    expect(variable(z.string().meta({ description: 'meta' }).optional()).description).toBe('meta')
    expect(variable(z.string()).description).toBeUndefined()
  })

  it('configVariables should refuse to show the default of a secret', () => {
    expect(() => variable(secret(32).default('x'.repeat(32)), 'JWT_SECRET')).toThrow(
      /JWT_SECRET holds a secret/,
    )
    expect(() => variable(z.string().default('hunter2hunter2'), 'ADMIN_PASSWORD')).toThrow(/ADMIN_PASSWORD/)
    expect(() => variable(z.string().default('postgres://app:pw@db/payments'), 'REPORTING_URL')).toThrow(
      /REPORTING_URL/,
    )
    expect(variable(z.string().optional(), 'ADMIN_PASSWORD').defaultValue).toBeUndefined()
  })
})
