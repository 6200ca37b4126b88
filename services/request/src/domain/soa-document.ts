import type { SoaContentType, SoaSource } from './soa-file.ts'

/** One version of a request's statement of account. */
export interface SoaDocument {
  requestId: string
  version: number
  source: SoaSource
  fileName: string
  contentType: SoaContentType
  size: bigint
  sha256: string
  storageKey: string
  /** Null for the document the service generated on batch completion. */
  uploadedBy: string | null
  uploadedAt: Date
}
