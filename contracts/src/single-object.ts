/**
 * Avro single-object encoding: a two-byte marker, the writer schema's CRC-64-AVRO fingerprint
 * as 8 little-endian bytes, then the binary body.
 */
export const SINGLE_OBJECT_MARKER = Buffer.from([0xc3, 0x01])

export const SINGLE_OBJECT_HEADER_LENGTH = SINGLE_OBJECT_MARKER.length + 8

export function singleObjectHeader(fingerprint: bigint): Buffer {
  const header = Buffer.alloc(SINGLE_OBJECT_HEADER_LENGTH)
  SINGLE_OBJECT_MARKER.copy(header)
  header.writeBigUInt64LE(fingerprint, SINGLE_OBJECT_MARKER.length)

  return header
}

/** The writer fingerprint, or undefined when the bytes are not single-object encoded. */
export function readSingleObjectFingerprint(bytes: Uint8Array): bigint | undefined {
  if (bytes.length < SINGLE_OBJECT_HEADER_LENGTH || bytes[0] !== 0xc3 || bytes[1] !== 0x01) {
    return undefined
  }

  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).readBigUInt64LE(
    SINGLE_OBJECT_MARKER.length,
  )
}
