/**
 * CRC-64-AVRO, the Rabin fingerprint the Avro specification defines for schemas
 * (https://avro.apache.org/docs/current/specification/#schema-fingerprints).
 * Bigint arithmetic keeps it obviously correct; it only ever runs over schema texts.
 */
const EMPTY = 0xc15d213aa4d7a795n

const TABLE = Array.from({ length: 256 }, (_, index) => {
  let fingerprint = BigInt(index)
  for (let bit = 0; bit < 8; bit++) {
    fingerprint = (fingerprint >> 1n) ^ (EMPTY & -(fingerprint & 1n))
  }

  return fingerprint
})

/** The unsigned 64-bit fingerprint; Java's `SchemaNormalization` returns the same bits as a signed long. */
export function rabinFingerprint(bytes: Uint8Array): bigint {
  let fingerprint = EMPTY
  for (const byte of bytes) {
    fingerprint = (fingerprint >> 8n) ^ TABLE[Number((fingerprint ^ BigInt(byte)) & 0xffn)]!
  }

  return fingerprint
}
