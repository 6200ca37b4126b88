import { waitFor } from '@pay/testkit'

import type { CommandKind, PersistentClient } from './persistent-client.ts'

export interface Actors {
  creator: PersistentClient
  approver: PersistentClient
  admin: PersistentClient
}

export interface WorkloadOptions {
  requestsPerBatch: number
  /** How long a batch life waits for another service to learn of a step (outages included). */
  propagationTimeoutMs: number
}

/** The plan of one batch: which of its requests the approver rejects, the rest are approved and paid. */
export function rejects(batchIndex: number, requestIndex: number): boolean {
  return (batchIndex + requestIndex) % 4 === 0
}

/**
 * One batch from creation to payment through the public API, as three people would drive it:
 * the creator fills and submits it, the approver decides each request once the approval service
 * knows it, the admin pays what was approved. Completion is left to the system.
 */
export async function runBatchLife(actors: Actors, index: number, options: WorkloadOptions): Promise<void> {
  const { creator, approver, admin } = actors
  const batch = await expectSuccess(
    'createBatch',
    creator.command<{ id: string }>('createBatch', 'batches', { title: `Chaos batch ${index}` }),
  )

  const requestIds: string[] = []
  for (let position = 0; position < options.requestsPerBatch; position += 1) {
    const request = await expectSuccess(
      'addRequest',
      creator.command<{ id: string }>(
        'addRequest',
        `batches/${batch.id}/requests`,
        {
          amount: `${100 + index}.${String(position).padStart(2, '0')}`,
          currency: 'USD',
          beneficiaryName: `Payee ${index}-${position}`,
          beneficiaryAccount: `ACC-${index}-${position}`,
          purpose: 'Chaos workload',
        },
        { batchId: batch.id },
      ),
    )
    requestIds.push(request.id)
  }

  await expectSuccess(
    'submitBatch',
    creator.command('submitBatch', `batches/${batch.id}/submit`, {}, { batchId: batch.id }),
  )

  const approved: string[] = []
  for (const [position, requestId] of requestIds.entries()) {
    await waitFor(() => approver.read(`requests/${requestId}/approvals`), {
      timeoutMs: options.propagationTimeoutMs,
      intervalMs: 250,
      message: `request ${requestId} of batch ${batch.id} never reached the approval service`,
    })
    const target = { batchId: batch.id, requestId }
    if (rejects(index, position)) {
      await expectSuccess(
        'reject',
        approver.command('reject', `requests/${requestId}/reject`, { comment: 'Not payable' }, target),
      )
      continue
    }

    await expectSuccess('approve', approver.command('approve', `requests/${requestId}/approve`, {}, target))
    approved.push(requestId)
  }

  for (const requestId of approved) {
    await waitFor(
      async () => (await admin.read<{ status: string }>(`requests/${requestId}`))?.status === 'APPROVED',
      {
        timeoutMs: options.propagationTimeoutMs,
        intervalMs: 250,
        message: `request ${requestId} of batch ${batch.id} never became APPROVED in the request service`,
      },
    )
    await expectSuccess(
      'markPaid',
      admin.command('markPaid', `requests/${requestId}/mark-paid`, {}, { batchId: batch.id, requestId }),
    )
  }
}

async function expectSuccess<T>(
  kind: CommandKind,
  pending: Promise<{ status: number; body: T; record: { path: string; key: string; attempts: number } }>,
): Promise<T> {
  const { status, body, record } = await pending
  if (status >= 200 && status < 300) return body

  throw new Error(
    `${kind} ${record.path} (key ${record.key}, ${record.attempts} attempts) ended with ${status}: ${JSON.stringify(body)}`,
  )
}
