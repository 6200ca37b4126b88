import { describe, expect, it } from 'vitest'

import { AppError, commonError, defineErrors } from '../src/index.ts'

describe('defineErrors', () => {
  const error = defineErrors({
    BATCH_NOT_FOUND: { status: 404, message: 'batch not found' },
    BATCH_BUSY: { status: 409, message: 'batch is busy', retryable: true },
  })

  it('should build an AppError with the declared status and message', () => {
    const made = error('BATCH_NOT_FOUND')

    expect(made).toBeInstanceOf(AppError)
    expect(made).toMatchObject({ code: 'BATCH_NOT_FOUND', status: 404, message: 'batch not found' })
    expect(made.retryable).toBe(false)
  })

  it('should let a caller override the message and keep the cause', () => {
    const cause = new Error('root')
    const made = error('BATCH_BUSY', 'batch 7 is busy', { cause })

    expect(made.message).toBe('batch 7 is busy')
    expect(made.retryable).toBe(true)
    expect(made.cause).toBe(cause)
  })

  it('should refuse a code that was not declared', () => {
    expect(() => (error as (code: string) => AppError)('NOPE')).toThrow(TypeError)
  })

  it('should carry field errors for validation problems', () => {
    const made = commonError('VALIDATION_FAILED', undefined, { fields: [{ path: 'amount', message: 'bad' }] })

    expect(made.status).toBe(400)
    expect(made.fields).toEqual([{ path: 'amount', message: 'bad' }])
  })
})
