import { createHash } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { multipartBody, samplePdf, samplePng, type FilePart } from './support/multipart.ts'
import { startRequestService, user, type RequestServiceHarness } from './support/request-service.ts'

const MAX_BYTES = 64 * 1024

let harness: RequestServiceHarness
const creator = user('CREATOR')
const otherCreator = user('CREATOR')
const admin = user('ADMIN')
const viewer = user('VIEWER')

beforeAll(async () => {
  harness = await startRequestService({ SOA_MAX_BYTES: MAX_BYTES })
})

afterAll(async () => {
  await harness?.stop()
})

async function draftRequest(): Promise<{ batchId: string; requestId: string }> {
  const batchId = (await harness.call(creator, 'POST', '/batches', { body: { title: 'soa' } })).json().id
  const request = await harness.call(creator, 'POST', `/batches/${batchId}/requests`, {
    body: { currency: 'USD', amount: '10.00', beneficiaryName: 'A', beneficiaryAccount: 'B', purpose: 'C' },
  })

  return { batchId, requestId: request.json().id }
}

function upload(
  requestId: string,
  file: FilePart,
  options: { principal?: typeof creator; key?: string } = {},
) {
  const body = multipartBody([file])

  return harness.call(options.principal ?? creator, 'POST', `/requests/${requestId}/soa`, {
    ...body,
    ...(options.key === undefined ? {} : { key: options.key }),
  })
}

describe('SOA documents', () => {
  it('POST /requests/{id}/soa should store a PDF as version 1 with its digest', async () => {
    const { requestId } = await draftRequest()

    const response = await upload(requestId, { fileName: 'March statement.pdf', bytes: samplePdf })

    expect(response.status).toBe(201)
    expect(response.json()).toEqual({
      version: 1,
      source: 'UPLOAD',
      fileName: 'March statement.pdf',
      contentType: 'application/pdf',
      size: samplePdf.length,
      sha256: createHash('sha256').update(samplePdf).digest('hex'),
      uploadedBy: creator.userId,
      uploadedAt: expect.any(String),
    })
  })

  it('GET …/soa/{version}/download should stream the bytes with a safe attachment header', async () => {
    const { requestId } = await draftRequest()
    await upload(requestId, {
      fileName: 'scan (final) é.png',
      bytes: samplePng,
      contentType: 'application/pdf',
    })

    const response = await harness.call(viewer, 'GET', `/requests/${requestId}/soa/1/download`)

    expect(response.status).toBe(200)
    expect(response.body.equals(samplePng)).toBe(true)
    // The type comes from the bytes, not from what the client declared.
    expect(response.headers['content-type']).toBe('image/png')
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="scan (final) _.png"; filename*=UTF-8''scan%20%28final%29%20%C3%A9.png`,
    )
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect((await harness.call(viewer, 'GET', `/requests/${requestId}/soa/2/download`)).status).toBe(404)
  })

  it('GET /requests/{id}/soa should list versions in order and page them', async () => {
    const { requestId } = await draftRequest()
    for (let index = 0; index < 3; index += 1) {
      await upload(requestId, { fileName: `v${index}.pdf`, bytes: samplePdf })
    }

    const first = (await harness.call(creator, 'GET', `/requests/${requestId}/soa?limit=2`)).json()
    const rest = (
      await harness.call(creator, 'GET', `/requests/${requestId}/soa?cursor=${first.nextCursor}`)
    ).json()

    expect([...first.items, ...rest.items].map((item: { version: number }) => item.version)).toEqual([
      1, 2, 3,
    ])
    expect((await harness.call(otherCreator, 'GET', `/requests/${requestId}/soa`)).status).toBe(404)
  })

  it('concurrent uploads to one request should get gap-free unique versions', async () => {
    const { requestId } = await draftRequest()

    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        upload(requestId, {
          fileName: `part-${index}.pdf`,
          bytes: Buffer.concat([samplePdf, Buffer.from(`${index}`)]),
        }),
      ),
    )

    expect(responses.map((response) => response.status)).toEqual(Array(12).fill(201))
    const versions = responses
      .map((response) => response.json().version)
      .sort((a: number, b: number) => a - b)
    expect(versions).toEqual(Array.from({ length: 12 }, (_, index) => index + 1))
  })

  it('a retried upload with the same key should be stored once', async () => {
    const { requestId } = await draftRequest()
    const file = { fileName: 'once.pdf', bytes: samplePdf }

    const first = await upload(requestId, file, { key: 'upload-once' })
    const retry = await upload(requestId, file, { key: 'upload-once' })
    const otherFile = await upload(requestId, { ...file, bytes: samplePng }, { key: 'upload-once' })

    expect(retry.status).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.json()).toEqual(first.json())
    expect(otherFile.status).toBe(422)
    const { items } = (await harness.call(creator, 'GET', `/requests/${requestId}/soa`)).json()
    expect(items).toHaveLength(1)
  })

  describe('refusals', () => {
    it.each([
      [
        'wrong magic bytes',
        { fileName: 'fake.pdf', bytes: Buffer.from('GIF89a pretending to be a pdf') },
        400,
        'SOA_FILE_TYPE_INVALID',
      ],
      [
        'an HTML file named .pdf',
        { fileName: 'x.pdf', bytes: Buffer.from('<html>%PDF-</html>') },
        400,
        'SOA_FILE_TYPE_INVALID',
      ],
      [
        'an oversize file',
        { fileName: 'big.pdf', bytes: Buffer.concat([samplePdf, Buffer.alloc(MAX_BYTES)]) },
        413,
        'SOA_FILE_TOO_LARGE',
      ],
      [
        'a path-traversal name',
        { fileName: '../../etc/passwd.pdf', bytes: samplePdf },
        400,
        'SOA_FILE_NAME_INVALID',
      ],
      [
        'a Windows path name',
        { fileName: '..\\\\..\\\\boot.pdf', bytes: samplePdf },
        400,
        'SOA_FILE_NAME_INVALID',
      ],
      ['a hidden file name', { fileName: '.htaccess', bytes: samplePdf }, 400, 'SOA_FILE_NAME_INVALID'],
      ['an empty file', { fileName: 'empty.pdf', bytes: Buffer.alloc(0) }, 400, 'SOA_FILE_EMPTY'],
    ])('an upload of %s should be refused and store nothing', async (_case, file, status, code) => {
      const { requestId } = await draftRequest()
      const before = await harness.storedFiles()

      const response = await upload(requestId, file)

      expect(response.status).toBe(status)
      expect(response.json().code).toBe(code)
      expect(await harness.storedFiles()).toEqual(before)
      expect((await harness.call(creator, 'GET', `/requests/${requestId}/soa`)).json().items).toEqual([])
    })

    it('should refuse a body that is not multipart with 415', async () => {
      const { requestId } = await draftRequest()

      const response = await harness.call(creator, 'POST', `/requests/${requestId}/soa`, {
        body: { file: 'x' },
      })

      expect(response.status).toBe(415)
    })

    it('should refuse extra form fields and a missing file', async () => {
      const { requestId } = await draftRequest()
      const withField = multipartBody([{ fileName: 'a.pdf', bytes: samplePdf }], { note: 'hello' })
      const withoutFile = multipartBody([])

      expect((await harness.call(creator, 'POST', `/requests/${requestId}/soa`, withField)).status).toBe(400)
      expect((await harness.call(creator, 'POST', `/requests/${requestId}/soa`, withoutFile)).status).toBe(
        400,
      )
    })

    it('should refuse viewers, other creators and submitted requests', async () => {
      const { batchId, requestId } = await draftRequest()
      const file = { fileName: 'a.pdf', bytes: samplePdf }

      expect((await upload(requestId, file, { principal: viewer })).status).toBe(403)
      expect((await upload(requestId, file, { principal: otherCreator })).status).toBe(404)
      expect((await upload(requestId, file, { principal: admin })).status).toBe(201)
      await harness.call(creator, 'POST', `/batches/${batchId}/submit`)
      const late = await upload(requestId, file)
      expect(late.status).toBe(409)
      expect(late.json().code).toBe('REQUEST_NOT_DRAFT')
    })

    it('should require an Idempotency-Key', async () => {
      const { requestId } = await draftRequest()
      const body = multipartBody([{ fileName: 'a.pdf', bytes: samplePdf }])

      const response = await harness.call(creator, 'POST', `/requests/${requestId}/soa`, {
        ...body,
        key: false,
      })

      expect(response.status).toBe(400)
      expect(response.json().code).toBe('IDEMPOTENCY_KEY_REQUIRED')
    })
  })

  it('GET /batches/{id}/soa-export should render PDF and XLSX', async () => {
    const { batchId } = await draftRequest()

    const pdf = await harness.call(creator, 'GET', `/batches/${batchId}/soa-export?format=pdf`)
    const xlsx = await harness.call(creator, 'GET', `/batches/${batchId}/soa-export?format=xlsx`)

    expect(pdf.status).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(xlsx.status).toBe(200)
    expect(xlsx.headers['content-disposition']).toBe(`attachment; filename="soa-batch-${batchId}.xlsx"`)
    // An xlsx workbook is a zip archive.
    expect(xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK')
    expect((await harness.call(creator, 'GET', `/batches/${batchId}/soa-export?format=csv`)).status).toBe(400)
    expect((await harness.call(otherCreator, 'GET', `/batches/${batchId}/soa-export`)).status).toBe(404)
  })
})
