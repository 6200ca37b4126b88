import { describe, expect, it } from 'vitest'

import {
  batchStatuses,
  canMoveBatch,
  canMoveRequest,
  isTerminalRequest,
  requestStatuses,
  type BatchStatus,
  type RequestStatus,
} from '../src/domain/state-machine.ts'

// Written out independently of the module's table, so that a change there has to change this too.
const allowedRequestMoves = new Set([
  'DRAFT>SUBMITTED',
  'SUBMITTED>PENDING_APPROVAL',
  'PENDING_APPROVAL>APPROVED',
  'PENDING_APPROVAL>REJECTED',
  'APPROVED>PAID',
])
const allowedBatchMoves = new Set([
  'DRAFT>SUBMITTED',
  'DRAFT>CANCELLED',
  'SUBMITTED>PROCESSING',
  'PROCESSING>COMPLETED',
])

const requestPairs = requestStatuses.flatMap((from) => requestStatuses.map((to) => [from, to] as const))
const batchPairs = batchStatuses.flatMap((from) => batchStatuses.map((to) => [from, to] as const))

describe('request state machine', () => {
  it.each(requestPairs)('canMoveRequest should decide %s → %s as the lifecycle says', (from, to) => {
    expect(canMoveRequest(from as RequestStatus, to as RequestStatus)).toBe(
      allowedRequestMoves.has(`${from}>${to}`),
    )
  })

  it('isTerminalRequest should hold for PAID and REJECTED only', () => {
    expect(requestStatuses.filter(isTerminalRequest)).toEqual(['REJECTED', 'PAID'])
  })

  it('covers all 36 pairs', () => {
    expect(requestPairs).toHaveLength(36)
  })
})

describe('batch state machine', () => {
  it.each(batchPairs)('canMoveBatch should decide %s → %s as the lifecycle says', (from, to) => {
    expect(canMoveBatch(from as BatchStatus, to as BatchStatus)).toBe(allowedBatchMoves.has(`${from}>${to}`))
  })

  it('covers all 25 pairs', () => {
    expect(batchPairs).toHaveLength(25)
  })
})
