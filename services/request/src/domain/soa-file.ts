import { createHash } from 'node:crypto'

import { requestError } from '../errors.ts'

export type SoaContentType = 'application/pdf' | 'image/png' | 'image/jpeg'
export type SoaSource = 'UPLOAD' | 'GENERATED'

/** An uploaded file that passed every check: safe name, known type by its bytes, within limits. */
export interface CheckedSoaFile {
  fileName: string
  contentType: SoaContentType
  size: number
  sha256: string
  bytes: Buffer
}

const signatures: { contentType: SoaContentType; magic: Buffer }[] = [
  { contentType: 'application/pdf', magic: Buffer.from('%PDF-', 'latin1') },
  { contentType: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { contentType: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
]

const MAX_FILE_NAME_LENGTH = 200
// Separators of any platform, control characters and a leading dot (hidden files, `..`).
const UNSAFE_FILE_NAME = /[/\\:\p{Cc}]|^\.|^\s|\s$/u

/** The type the bytes say they are; what the client declared is never trusted. */
export function detectContentType(bytes: Buffer): SoaContentType | undefined {
  return signatures.find(({ magic }) => bytes.subarray(0, magic.length).equals(magic))?.contentType
}

/**
 * Refuses names that could address anything but a plain file (path separators, `..`, control
 * characters) instead of cleaning them up: a name that needs cleaning was not sent by a browser
 * in good faith, and a silent rewrite would store something the uploader never named.
 */
export function checkFileName(name: string): string {
  const normalized = name.normalize('NFC')
  if (
    normalized.length === 0 ||
    normalized.length > MAX_FILE_NAME_LENGTH ||
    UNSAFE_FILE_NAME.test(normalized)
  ) {
    throw requestError('SOA_FILE_NAME_INVALID', undefined, {
      fields: [{ path: 'file', message: 'the file name must be a plain name of at most 200 characters' }],
    })
  }

  return normalized
}

export function checkSoaFile(fileName: string, bytes: Buffer, maxBytes: number): CheckedSoaFile {
  const name = checkFileName(fileName)
  if (bytes.length === 0) {
    throw requestError('SOA_FILE_EMPTY')
  }

  if (bytes.length > maxBytes) {
    throw requestError('SOA_FILE_TOO_LARGE', `the file is larger than ${maxBytes} bytes`)
  }

  const contentType = detectContentType(bytes)
  if (contentType === undefined) {
    throw requestError('SOA_FILE_TYPE_INVALID')
  }

  return { fileName: name, contentType, size: bytes.length, sha256: sha256Of(bytes), bytes }
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/**
 * A `Content-Disposition` value that is safe whatever the stored name: an ASCII fallback with
 * quotes and backslashes replaced, plus the exact name in RFC 5987 encoding.
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_')
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )

  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}
