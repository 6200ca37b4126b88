import { randomUUID } from 'node:crypto'

import { AppError } from '@pay/errors'
import { describe, expect, it } from 'vitest'

import type { Vote } from '../src/domain/approval-item.ts'
import { decide, type DecisionCommand } from '../src/domain/decision.ts'
import { pendingItem } from './support/items.ts'

const now = new Date('2025-05-02T10:30:00Z')
const approve = (approverId: string, comment: string | null = null): DecisionCommand => ({
  approverId,
  decision: 'APPROVE',
  comment,
  now,
})
const reject = (approverId: string, comment: string | null): DecisionCommand => ({
  approverId,
  decision: 'REJECT',
  comment,
  now,
})
const voteOf = (approverId: string): Vote => ({
  approverId,
  decision: 'APPROVE',
  comment: null,
  votedAt: new Date('2025-05-02T08:00:00Z'),
})

function codeOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) {
      return error.code
    }
    throw error
  }

  throw new Error('expected an AppError')
}

describe('decide', () => {
  it('should refuse the creator of the request whatever the state of the item', () => {
    const item = pendingItem()

    expect(codeOf(() => decide(item, [], approve(item.createdBy)))).toBe('SELF_APPROVAL_FORBIDDEN')
    expect(codeOf(() => decide(item, [], reject(item.createdBy, 'no')))).toBe('SELF_APPROVAL_FORBIDDEN')
    expect(codeOf(() => decide({ ...item, status: 'APPROVED' }, [], approve(item.createdBy)))).toBe(
      'SELF_APPROVAL_FORBIDDEN',
    )
  })

  it('should approve at once when one approval is required', () => {
    const approver = randomUUID()

    const result = decide(pendingItem(), [], approve(approver, 'fine'))

    expect(result).toMatchObject({
      kind: 'APPROVED',
      approverIds: [approver],
      vote: { approverId: approver, decision: 'APPROVE', comment: 'fine', votedAt: now },
      record: {
        outcome: 'APPROVED',
        decidedBy: approver,
        comment: 'fine',
        requiredApprovals: 1,
        decidedAt: now,
      },
    })
  })

  it('should record the first of two required approvals as a vote only', () => {
    const approver = randomUUID()

    const result = decide(pendingItem({ requiredApprovals: 2 }), [], approve(approver))

    expect(result).toMatchObject({ kind: 'VOTE_RECORDED', approvalCount: 1, vote: { approverId: approver } })
  })

  it('should approve with the second approval of another approver, listing both in order', () => {
    const [first, second] = [randomUUID(), randomUUID()]

    const result = decide(pendingItem({ requiredApprovals: 2 }), [voteOf(first)], approve(second))

    expect(result).toMatchObject({
      kind: 'APPROVED',
      approverIds: [first, second],
      record: { requiredApprovals: 2 },
    })
  })

  it('should refuse a second vote of the same approver, approve or reject', () => {
    const approver = randomUUID()
    const item = pendingItem({ requiredApprovals: 2 })

    expect(codeOf(() => decide(item, [voteOf(approver)], approve(approver)))).toBe('ALREADY_VOTED')
    expect(codeOf(() => decide(item, [voteOf(approver)], reject(approver, 'changed my mind')))).toBe(
      'ALREADY_VOTED',
    )
  })

  it('should reject finally after one approval, naming the prior approver', () => {
    const [first, second] = [randomUUID(), randomUUID()]

    const result = decide(pendingItem({ requiredApprovals: 2 }), [voteOf(first)], reject(second, 'duplicate'))

    expect(result).toMatchObject({
      kind: 'REJECTED',
      priorApproverIds: [first],
      record: { outcome: 'REJECTED', decidedBy: second, comment: 'duplicate', decidedAt: now },
    })
  })

  it('should refuse a rejection without a comment', () => {
    expect(codeOf(() => decide(pendingItem(), [], reject(randomUUID(), null)))).toBe('VALIDATION_FAILED')
    expect(codeOf(() => decide(pendingItem(), [], reject(randomUUID(), '  ')))).toBe('VALIDATION_FAILED')
  })

  it('should refuse decided and closed items', () => {
    expect(codeOf(() => decide(pendingItem({ status: 'APPROVED' }), [], approve(randomUUID())))).toBe(
      'ALREADY_DECIDED',
    )
    expect(codeOf(() => decide(pendingItem({ status: 'REJECTED' }), [], reject(randomUUID(), 'x')))).toBe(
      'ALREADY_DECIDED',
    )
    expect(codeOf(() => decide(pendingItem({ status: 'CLOSED' }), [], approve(randomUUID())))).toBe(
      'REQUEST_CLOSED',
    )
  })
})
