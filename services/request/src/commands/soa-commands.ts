import type { EventMessage } from '@pay/contracts'
import { withTransaction, type Pool, type PoolClient } from '@pay/db'
import { appendToOutbox } from '@pay/messaging'
import type { Principal } from '@pay/service-auth'

import { lockBatch } from '../db/batches.ts'
import { bumpRequestVersion, requestsOfBatch } from '../db/payment-requests.ts'
import { claimSoaRender, finishSoaRender, postponeSoaRender, type SoaRenderJob } from '../db/render-jobs.ts'
import { insertNextSoaDocument } from '../db/soa-documents.ts'
import { requireBatchWriter } from '../domain/access.ts'
import { batchStatementOf } from '../domain/batch-statement.ts'
import type { SoaDocument } from '../domain/soa-document.ts'
import { sha256Of, type CheckedSoaFile } from '../domain/soa-file.ts'
import { requestError } from '../errors.ts'
import type { EventCause } from '../events/event-cause.ts'
import { soaDocumentAdded } from '../events/request-events.ts'
import { renderBatchSoaPdf } from '../soa/batch-soa-pdf.ts'
import type { SoaStorage } from '../soa/soa-storage.ts'
import { lockVisibleRequest } from './locate.ts'

/**
 * Adds an uploaded file as the next SOA version of a DRAFT request. The request's row lock
 * serialises concurrent uploads, so versions stay gap-free. The bytes go to the storage before
 * the row commits; they are content-addressed, so a rolled-back upload leaves at most an
 * unreferenced blob, never a row without its bytes.
 */
export async function addSoaUpload(
  client: PoolClient,
  principal: Principal,
  requestId: string,
  file: CheckedSoaFile,
  storage: SoaStorage,
  cause: EventCause,
): Promise<SoaDocument> {
  requireBatchWriter(principal)

  const { batch, request } = await lockVisibleRequest(client, principal, requestId, { batchMode: 'share' })
  if (batch.status !== 'DRAFT' || request.status !== 'DRAFT') {
    throw requestError('REQUEST_NOT_DRAFT', 'SOA documents can be uploaded only while the request is a draft')
  }

  await storage.put(file.sha256, file.bytes)
  const document = await insertNextSoaDocument(client, {
    requestId,
    source: 'UPLOAD',
    fileName: file.fileName,
    contentType: file.contentType,
    size: BigInt(file.size),
    sha256: file.sha256,
    storageKey: file.sha256,
    uploadedBy: principal.userId,
  })
  const updated = await bumpRequestVersion(client, requestId)
  await appendToOutbox(client, [soaDocumentAdded(updated, document, cause)])

  return document
}

/**
 * Renders the SOA of the oldest completed batch still waiting for it and adds it as a GENERATED
 * version to each of its requests. The job row stays locked while rendering and is marked done in
 * the transaction that adds the documents: a crash before the commit renders again, never twice.
 * A failed rendering is rolled back to a savepoint and the job postponed, with the error kept.
 */
export async function renderNextBatchSoa(
  pool: Pool,
  storage: SoaStorage,
): Promise<RenderOutcome | undefined> {
  return withTransaction(pool, async (client) => {
    const job = await claimSoaRender(client)
    if (job === undefined) {
      return undefined
    }

    await client.query('savepoint render')
    try {
      await addGeneratedSoa(client, job, storage)
      await finishSoaRender(client, job.batchId)
      return { batchId: job.batchId, error: undefined }
    } catch (error) {
      await client.query('rollback to savepoint render')
      await postponeSoaRender(client, job.batchId, error instanceof Error ? error.message : String(error))
      return { batchId: job.batchId, error }
    }
  })
}

export interface RenderOutcome {
  batchId: string
  error: unknown
}

async function addGeneratedSoa(client: PoolClient, job: SoaRenderJob, storage: SoaStorage): Promise<void> {
  const batch = await lockBatch(client, job.batchId, 'share')
  if (batch === undefined) {
    throw new Error(`no batch ${job.batchId}`)
  }

  const requests = await requestsOfBatch(client, batch.id, { lock: true })
  const pdf = await renderBatchSoaPdf(batchStatementOf(batch, requests))
  const sha256 = sha256Of(pdf)
  await storage.put(sha256, pdf)

  const cause: EventCause = { actorId: null, correlationId: job.correlationId, causationId: job.causationId }
  const events: EventMessage[] = []
  for (const request of requests) {
    const document = await insertNextSoaDocument(client, {
      requestId: request.id,
      source: 'GENERATED',
      fileName: `soa-batch-${batch.id}.pdf`,
      contentType: 'application/pdf',
      size: BigInt(pdf.length),
      sha256,
      storageKey: sha256,
      uploadedBy: null,
    })
    events.push(soaDocumentAdded(await bumpRequestVersion(client, request.id), document, cause))
  }
  await appendToOutbox(client, events)
}
