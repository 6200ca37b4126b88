import multipart from '@fastify/multipart'
import { commonError } from '@pay/errors'
import type { HttpServer } from '@pay/http'
import { parseIdempotencyKey } from '@pay/idempotency'
import { decodeCursor, pageOf } from '@pay/pagination'
import { idempotent, type ServiceContext } from '@pay/runtime'
import type { FastifyRequest } from 'fastify'

import { visibleRequest } from '../commands/locate.ts'
import { addSoaUpload } from '../commands/soa-commands.ts'
import { findSoaDocument, listSoaDocuments } from '../db/soa-documents.ts'
import { requireBatchWriter } from '../domain/access.ts'
import { checkSoaFile, contentDisposition, type CheckedSoaFile } from '../domain/soa-file.ts'
import { requestError } from '../errors.ts'
import type { SoaStorage } from '../soa/soa-storage.ts'
import { actorOf, causeOf } from './actor.ts'
import { presentSoaDocument } from './presenters.ts'
import { requestParams, soaListQuery, soaVersionParams, versionCursor } from './schemas.ts'

export interface SoaRouteOptions {
  storage: SoaStorage
  maxBytes: number
}

export async function soaRoutes(
  app: HttpServer,
  context: ServiceContext,
  options: SoaRouteOptions,
): Promise<void> {
  const { pool } = context
  const { storage, maxBytes } = options

  // Multipart parsing is registered only in this scope: every other route keeps accepting JSON only.
  await app.register(async (scope: HttpServer) => {
    // preservePath: the raw client file name reaches the checks, so a traversal attempt is refused
    // instead of being quietly cut down to its last segment.
    await scope.register(multipart, {
      preservePath: true,
      limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 1 },
    })

    scope.post('/requests/:requestId/soa', { schema: { params: requestParams } }, async (request, reply) => {
      const actor = actorOf(request)
      requireBatchWriter(actor)
      parseIdempotencyKey(request.headers['idempotency-key'])
      const file = await readUpload(request, maxBytes)
      // An upload is identified by the file's name and bytes.
      const fingerprint = { fileName: file.fileName, sha256: file.sha256, size: file.size }

      return idempotent(
        request,
        reply,
        context,
        async (client) => {
          const document = await addSoaUpload(
            client,
            actor,
            request.params.requestId,
            file,
            storage,
            causeOf(request, actor),
          )

          return { status: 201, body: presentSoaDocument(document) }
        },
        { fingerprint },
      )
    })
  })

  app.get(
    '/requests/:requestId/soa',
    { schema: { params: requestParams, querystring: soaListQuery } },
    async (request) => {
      const actor = actorOf(request)
      const { request: found } = await visibleRequest(pool, actor, request.params.requestId)
      const { limit, cursor } = request.query
      const documents = await listSoaDocuments(pool, found.id, {
        afterVersion: cursor === undefined ? undefined : decodeCursor(cursor, versionCursor).version,
        limit: limit + 1,
      })

      return pageOf(documents, limit, presentSoaDocument, (document) => ({ version: document.version }))
    },
  )

  app.get(
    '/requests/:requestId/soa/:version/download',
    { schema: { params: soaVersionParams } },
    async (request, reply) => {
      const actor = actorOf(request)
      const { request: found } = await visibleRequest(pool, actor, request.params.requestId)
      const document = await findSoaDocument(pool, found.id, request.params.version)
      if (document === undefined) {
        throw requestError('SOA_NOT_FOUND')
      }

      const content = await storage.open(document.storageKey)
      if (content === undefined) {
        throw requestError('SOA_CONTENT_MISSING')
      }

      return reply
        .header('content-type', document.contentType)
        .header('content-length', document.size.toString())
        .header('content-disposition', contentDisposition(document.fileName))
        .header('etag', `"${document.sha256}"`)
        .send(content)
    },
  )
}

/** Reads the single file part into memory (at most `maxBytes`) and checks it before anything is stored. */
async function readUpload(request: FastifyRequest, maxBytes: number): Promise<CheckedSoaFile> {
  if (!request.isMultipart()) {
    throw commonError('UNSUPPORTED_MEDIA_TYPE', 'an SOA upload is a multipart/form-data body with one file')
  }

  try {
    const part = await request.file()
    if (part === undefined) {
      throw requestError('SOA_FILE_MISSING')
    }

    return checkSoaFile(part.filename, await part.toBuffer(), maxBytes)
  } catch (error) {
    throw uploadError(error)
  }
}

function uploadError(error: unknown): unknown {
  switch ((error as { code?: unknown }).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return requestError('SOA_FILE_TOO_LARGE', undefined, { cause: error })
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return requestError('SOA_FILE_MISSING', 'the body must hold exactly one file part and nothing else', {
        cause: error,
      })
    case 'FST_MP_PREMATURE_CLOSE':
      return commonError('MALFORMED_BODY', 'the upload ended early', { cause: error })
    default:
      return error
  }
}
