import type { SoaDocument } from '../domain/soa-document.ts'
import type { SoaContentType, SoaSource } from '../domain/soa-file.ts'
import type { Queryable } from './queryable.ts'

interface SoaRow {
  request_id: string
  version: number
  source: SoaSource
  file_name: string
  content_type: SoaContentType
  size: bigint
  sha256: string
  storage_key: string
  uploaded_by: string | null
  uploaded_at: Date
}

const COLUMNS =
  'request_id, version, source, file_name, content_type, size, sha256, storage_key, uploaded_by, uploaded_at'

/**
 * Adds the next version of a request's SOA. The caller holds the request's row lock, so the
 * `max + 1` read here cannot race another insert: versions stay 1, 2, 3… without gaps.
 */
export async function insertNextSoaDocument(
  db: Queryable,
  document: Omit<SoaDocument, 'version' | 'uploadedAt'>,
): Promise<SoaDocument> {
  const { rows } = await db.query<SoaRow>(
    `insert into soa_documents
       (request_id, version, source, file_name, content_type, size, sha256, storage_key, uploaded_by)
     select $1::uuid, coalesce(max(version), 0) + 1, $2::text, $3::text, $4::text, $5::bigint, $6::text, $7::text, $8::uuid
       from soa_documents where request_id = $1::uuid
     returning ${COLUMNS}`,
    [
      document.requestId,
      document.source,
      document.fileName,
      document.contentType,
      document.size.toString(),
      document.sha256,
      document.storageKey,
      document.uploadedBy,
    ],
  )

  return documentOf(rows[0]!)
}

export async function listSoaDocuments(
  db: Queryable,
  requestId: string,
  page: { afterVersion: number | undefined; limit: number },
): Promise<SoaDocument[]> {
  const { rows } = await db.query<SoaRow>(
    `select ${COLUMNS} from soa_documents
      where request_id = $1 and ($2::int is null or version > $2)
      order by version
      limit $3`,
    [requestId, page.afterVersion ?? null, page.limit],
  )

  return rows.map(documentOf)
}

export async function findSoaDocument(
  db: Queryable,
  requestId: string,
  version: number,
): Promise<SoaDocument | undefined> {
  const { rows } = await db.query<SoaRow>(
    `select ${COLUMNS} from soa_documents where request_id = $1 and version = $2`,
    [requestId, version],
  )

  return rows[0] === undefined ? undefined : documentOf(rows[0])
}

function documentOf(row: SoaRow): SoaDocument {
  return {
    requestId: row.request_id,
    version: row.version,
    source: row.source,
    fileName: row.file_name,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256,
    storageKey: row.storage_key,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at,
  }
}
