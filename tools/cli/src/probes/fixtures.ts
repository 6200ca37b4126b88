import { randomUUID } from 'node:crypto'

import type { ApiClient } from '@pay/system'

import { eventually, legacyRequest, must, send } from './api.ts'

/** Targets the probes act on, each made fresh through the public API. */

export async function draftBatch(creator: ApiClient): Promise<{ batchId: string }> {
  const batch = await must<{ id: string }>(201, creator, 'POST', 'batches', {
    body: { title: `probe ${randomUUID()}` },
  })

  return { batchId: batch.id }
}

/** A draft request, with `companions` more requests in its batch. */
export async function draftRequest(
  creator: ApiClient,
  companions = 0,
): Promise<{ batchId: string; requestId: string }> {
  const { batchId } = await draftBatch(creator)
  const [request] = await Promise.all(
    Array.from({ length: companions + 1 }, () =>
      must<{ id: string }>(201, creator, 'POST', `batches/${batchId}/requests`, { body: legacyRequest() }),
    ),
  )

  return { batchId, requestId: request!.id }
}

/** A submitted request the approval service has queued. */
export async function queuedRequest(
  creator: ApiClient,
  companions = 0,
): Promise<{ batchId: string; requestId: string }> {
  const target = await draftRequest(creator, companions)
  await must(200, creator, 'POST', `batches/${target.batchId}/submit`, { body: {} })
  await eventually('the approval service queued the request', async () => {
    const history = await send(creator, 'GET', `requests/${target.requestId}/approvals`)

    return history.status === 200 ? true : undefined
  })

  return target
}

/**
 * An approved request, as the request service sees it, with its version. A second request of its
 * batch stays undecided, so paying this one does not complete the batch: completion adds a
 * generated SOA version, which would change the request's version behind the probe's back.
 */
export async function approvedRequest(
  creator: ApiClient,
  approver: ApiClient,
): Promise<{ batchId: string; requestId: string; version: number }> {
  const target = await queuedRequest(creator, 1)
  await must(200, approver, 'POST', `requests/${target.requestId}/approve`, { body: {} })
  const version = await eventually('the request service saw the approval', async () => {
    const request = await must<{ status: string; version: number }>(
      200,
      creator,
      'GET',
      `requests/${target.requestId}`,
    )

    return request.status === 'APPROVED' ? request.version : undefined
  })

  return { ...target, version }
}

export async function requestVersion(client: ApiClient, requestId: string): Promise<number> {
  return (await must<{ version: number }>(200, client, 'GET', `requests/${requestId}`)).version
}

export async function batchVersion(client: ApiClient, batchId: string): Promise<number> {
  return (await must<{ version: number }>(200, client, 'GET', `batches/${batchId}`)).version
}

/** Every item of a cursor-paged list. */
export async function allItems<T>(client: ApiClient, path: string): Promise<T[]> {
  const items: T[] = []
  let cursor: string | null = null
  do {
    const separator = path.includes('?') ? '&' : '?'
    const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`
    const page: { items: T[]; nextCursor: string | null } = await must(
      200,
      client,
      'GET',
      `${path}${separator}limit=100${query}`,
    )
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor !== null)

  return items
}
