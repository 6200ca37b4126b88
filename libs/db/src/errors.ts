import { commonError, type AppError } from '@pay/errors'
import pg from 'pg'

/** The SQLSTATE codes the services react to; the full list is in the PostgreSQL manual, appendix A. */
export const sqlState = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  notNullViolation: '23502',
  exclusionViolation: '23P01',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
  lockNotAvailable: '55P03',
  queryCanceled: '57014',
  raiseException: 'P0001',
} as const

export function isDatabaseError(error: unknown): error is pg.DatabaseError {
  return error instanceof pg.DatabaseError
}

export function hasSqlState(error: unknown, code: string): boolean {
  return isDatabaseError(error) && error.code === code
}

/** Maps a constraint name to the error a caller should see when that constraint refuses a change. */
export type ConstraintErrors = Record<string, () => AppError>

/**
 * Turns a Postgres error into the AppError a caller should see, by SQLSTATE and constraint name
 * (never by message text). Errors that are not the caller's doing are returned unchanged, so the
 * HTTP layer reports them as a 500 and logs them in full.
 */
export function translateDatabaseError(error: unknown, constraints: ConstraintErrors = {}): unknown {
  if (!isDatabaseError(error)) {
    return error
  }

  const specific = error.constraint === undefined ? undefined : constraints[error.constraint]
  if (specific !== undefined) {
    return specific()
  }

  switch (error.code) {
    case sqlState.uniqueViolation:
    case sqlState.exclusionViolation:
      return commonError('CONFLICT', 'the change conflicts with existing data', { cause: error })
    case sqlState.serializationFailure:
    case sqlState.deadlockDetected:
      return commonError('CONFLICT', 'a concurrent change won; retry', { cause: error, retryable: true })
    case sqlState.lockNotAvailable:
      return commonError('LOCK_TIMEOUT', undefined, { cause: error })
    default:
      return error
  }
}
