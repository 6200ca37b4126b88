import { fileURLToPath } from 'node:url'

import { createPool, runMigrations, type Pool } from '@pay/db'
import { createTestSchema, type TestSchema } from '@pay/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const migrations = fileURLToPath(new URL('../migrations', import.meta.url))

const creator = '00000000-0000-4000-8000-0000000000c1'
const approver = '00000000-0000-4000-8000-0000000000a1'
const vendor = '00000000-0000-4000-8000-0000000000f1'
const subcontractor = '00000000-0000-4000-8000-0000000000f2'
const site = '00000000-0000-4000-8000-0000000000f3'

let schema: TestSchema
let pool: Pool
let draftBatch: string
let batchCounter = 0
let requestCounter = 0

beforeAll(async () => {
  schema = await createTestSchema('request_constraints')
  pool = createPool({ connectionString: schema.url, schema: schema.schema, max: 2 })
  await runMigrations(pool, { directory: migrations })
  draftBatch = await insertBatch({})
})

afterAll(async () => {
  await pool?.end()
  await schema?.drop()
})

function uuid(prefix: string, counter: number): string {
  return `00000000-0000-4000-${prefix}-${counter.toString(16).padStart(12, '0')}`
}

async function insertRow(table: string, row: Record<string, unknown>): Promise<void> {
  const columns = Object.keys(row)
  const values = Object.values(row)
  await pool.query(
    `insert into ${table} (${columns.join(', ')}) values (${columns.map((_, index) => `$${index + 1}`).join(', ')})`,
    values,
  )
}

async function insertBatch(overrides: Record<string, unknown>): Promise<string> {
  batchCounter += 1
  const id = uuid('8000', batchCounter)
  await insertRow('batches', { id, title: 'March', status: 'DRAFT', created_by: creator, ...overrides })
  return id
}

const legacyRow = {
  kind: 'LEGACY',
  status: 'DRAFT',
  currency: 'USD',
  base_amount: 1000,
  extra_amount: 0,
  total_amount: 1000,
  beneficiary_name: 'ACME',
  beneficiary_account: 'GB00',
  purpose: 'invoice',
  created_by: creator,
}

const ledgerRow = {
  kind: 'LEDGER',
  status: 'DRAFT',
  currency: 'EUR',
  base_amount: 1000,
  extra_amount: 250,
  total_amount: 1250,
  extra_reason: 'overtime',
  entity_type: 'VENDOR',
  vendor_id: vendor,
  entity_name: 'Vendor One',
  site_id: site,
  site_code: 'S-1',
  created_by: creator,
}

async function insertRequest(overrides: Record<string, unknown>, base: Record<string, unknown> = legacyRow) {
  requestCounter += 1
  const id = uuid('9000', requestCounter)
  await insertRow('payment_requests', { id, batch_id: draftBatch, ...base, ...overrides })
  return id
}

async function violation(insert: () => Promise<unknown>): Promise<{ code: string; constraint: string }> {
  try {
    await insert()
  } catch (error) {
    const { code, constraint } = error as { code: string; constraint: string }
    return { code, constraint }
  }
  throw new Error('the insert was accepted')
}

describe('schema constraints', () => {
  it('should accept well-formed legacy and ledger requests', async () => {
    await insertRequest({})
    await insertRequest({}, ledgerRow)
    await insertRequest(
      { entity_type: 'SUBCONTRACTOR', vendor_id: null, subcontractor_id: subcontractor },
      ledgerRow,
    )
  })

  it.each([
    ['an empty title', { title: ' ' }, 'batches_title_check'],
    ['an unknown status', { status: 'OPEN' }, 'batches_status_check'],
    ['a draft with submitted_at', { submitted_at: new Date() }, 'batches_submitted_at_check'],
    ['a submitted batch without submitted_at', { status: 'SUBMITTED' }, 'batches_submitted_at_check'],
    [
      'a processing batch without processing_started_at',
      { status: 'PROCESSING', submitted_at: new Date() },
      'batches_processing_started_at_check',
    ],
    [
      'a completed batch without completed_at',
      { status: 'COMPLETED', submitted_at: new Date(), processing_started_at: new Date() },
      'batches_completed_at_check',
    ],
    ['a cancelled batch without completed_at', { status: 'CANCELLED' }, 'batches_completed_at_check'],
    ['a draft with completed_at', { completed_at: new Date() }, 'batches_completed_at_check'],
    ['version 0', { version: 0 }, 'batches_version_check'],
  ])('batches should refuse %s', async (_case, overrides, constraint) => {
    expect(await violation(() => insertBatch(overrides))).toEqual({ code: '23514', constraint })
  })

  it.each([
    ['an unknown kind', { kind: 'CASH' }, 'payment_requests_kind_check'],
    ['an unknown status', { status: 'OPEN' }, 'payment_requests_status_check'],
    ['a lowercase currency', { currency: 'usd' }, 'payment_requests_currency_check'],
    ['a zero base amount', { base_amount: 0, total_amount: 0 }, 'payment_requests_base_amount_check'],
    ['a negative base amount', { base_amount: -5, total_amount: -5 }, 'payment_requests_base_amount_check'],
    ['a total that is not base plus extra', { total_amount: 999 }, 'payment_requests_total_amount_check'],
    [
      'a legacy request with an extra',
      { extra_amount: 5, total_amount: 1005, extra_reason: 'x' },
      'payment_requests_legacy_check',
    ],
    ['a legacy request without a beneficiary', { beneficiary_name: null }, 'payment_requests_legacy_check'],
    ['a legacy request without a purpose', { purpose: '  ' }, 'payment_requests_legacy_check'],
    ['a legacy request with a vendor', { vendor_id: vendor }, 'payment_requests_legacy_check'],
    ['a draft with submitted_at', { submitted_at: new Date() }, 'payment_requests_submitted_at_check'],
    [
      'a submitted request without submitted_at',
      { status: 'SUBMITTED' },
      'payment_requests_submitted_at_check',
    ],
    [
      'an approved request without a decision',
      { status: 'APPROVED', submitted_at: new Date() },
      'payment_requests_decided_check',
    ],
    [
      'a paid request without paid_at',
      { status: 'PAID', submitted_at: new Date(), decided_at: new Date(), decided_by: approver },
      'payment_requests_paid_check',
    ],
    ['a draft that was paid', { paid_at: new Date(), paid_by: approver }, 'payment_requests_paid_check'],
    [
      'a draft with a decision',
      { decided_at: new Date(), decided_by: approver },
      'payment_requests_decided_check',
    ],
  ])('legacy payment requests should refuse %s', async (_case, overrides, constraint) => {
    expect(await violation(() => insertRequest(overrides))).toEqual({ code: '23514', constraint })
  })

  it.each([
    ['a negative extra', { extra_amount: -1, total_amount: 999 }, 'payment_requests_extra_amount_check'],
    ['an extra without a reason', { extra_reason: null }, 'payment_requests_extra_reason_check'],
    ['an extra with a blank reason', { extra_reason: '  ' }, 'payment_requests_extra_reason_check'],
    ['a client-chosen total', { total_amount: 5000 }, 'payment_requests_total_amount_check'],
    ['no entity type', { entity_type: null }, 'payment_requests_ledger_check'],
    ['no site', { site_id: null }, 'payment_requests_ledger_check'],
    ['no site code snapshot', { site_code: null }, 'payment_requests_ledger_check'],
    ['no payee name snapshot', { entity_name: '' }, 'payment_requests_ledger_check'],
    ['a beneficiary', { beneficiary_name: 'ACME' }, 'payment_requests_ledger_check'],
    ['an unknown entity type', { entity_type: 'BANK' }, 'payment_requests_entity_type_check'],
    ['a vendor payee without vendor id', { vendor_id: null }, 'payment_requests_payee_check'],
    [
      'both a vendor and a subcontractor',
      { subcontractor_id: subcontractor },
      'payment_requests_payee_check',
    ],
    [
      'a subcontractor payee with a vendor id',
      { entity_type: 'SUBCONTRACTOR', subcontractor_id: subcontractor },
      'payment_requests_payee_check',
    ],
  ])('ledger payment requests should refuse %s', async (_case, overrides, constraint) => {
    expect(await violation(() => insertRequest(overrides, ledgerRow))).toEqual({ code: '23514', constraint })
  })

  it('payment requests should refuse a batch that does not exist', async () => {
    const refused = await violation(() => insertRequest({ batch_id: uuid('8fff', 1) }))

    expect(refused).toEqual({ code: '23503', constraint: 'payment_requests_batch_id_fkey' })
  })

  describe('soa documents', () => {
    let requestId: string
    const sha256 = 'a'.repeat(64)
    const documentRow = () => ({
      request_id: requestId,
      version: 1,
      source: 'UPLOAD',
      file_name: 'soa.pdf',
      content_type: 'application/pdf',
      size: 10,
      sha256,
      storage_key: sha256,
      uploaded_by: creator,
    })

    beforeAll(async () => {
      requestId = await insertRequest({})
      await insertRow('soa_documents', documentRow())
    })

    it('should refuse a second row with the same version', async () => {
      expect(await violation(() => insertRow('soa_documents', documentRow()))).toEqual({
        code: '23505',
        constraint: 'soa_documents_pkey',
      })
    })

    it.each([
      ['version 0', { version: 0 }, 'soa_documents_version_check'],
      ['an unknown source', { source: 'EMAIL' }, 'soa_documents_source_check'],
      ['a file name with a path', { file_name: '../x.pdf' }, 'soa_documents_file_name_check'],
      ['a file name with a backslash', { file_name: 'a\\x.pdf' }, 'soa_documents_file_name_check'],
      ['a hidden file name', { file_name: '.x.pdf' }, 'soa_documents_file_name_check'],
      ['an HTML content type', { content_type: 'text/html' }, 'soa_documents_content_type_check'],
      ['an empty file', { size: 0 }, 'soa_documents_size_check'],
      ['a malformed digest', { sha256: 'XYZ' }, 'soa_documents_sha256_check'],
      ['an upload without uploader', { uploaded_by: null }, 'soa_documents_uploaded_by_check'],
      ['a generated file with an uploader', { source: 'GENERATED' }, 'soa_documents_uploaded_by_check'],
    ])('should refuse %s', async (_case, overrides, constraint) => {
      const row = { ...documentRow(), version: 2, ...overrides }

      expect(await violation(() => insertRow('soa_documents', row))).toEqual({ code: '23514', constraint })
    })
  })

  it('master data should refuse an unknown entity type', async () => {
    const refused = await violation(() =>
      insertRow('master_data_entities', {
        entity_type: 'BANK',
        entity_id: site,
        name: 'x',
        active: true,
        version: 1,
      }),
    )

    expect(refused).toEqual({ code: '23514', constraint: 'master_data_entities_entity_type_check' })
  })
})
