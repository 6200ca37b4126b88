import { createHash } from 'node:crypto'

import canonicalize from 'canonicalize'

import type { AuditEntry, AuditRecord } from './audit-record.ts'

/** What the first entry links to: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64)

/** The position of an entry in the chain, which is all its successor needs. */
export interface ChainLink {
  sequence: bigint
  hash: string
}

/**
 * The canonical row an entry's hash covers: one JSON object serialised by RFC 8785 (JSON
 * Canonicalization Scheme: members sorted by UTF-16 code units, no whitespace, ECMAScript number
 * and string forms). Every member is always present, null when empty:
 *
 * - `sequence`, `entityVersion`, `sourceOffset`: decimal strings (64-bit integers);
 * - `sourcePartition`: a JSON number;
 * - `occurredAt`, `recordedAt`: ISO 8601 in UTC with milliseconds, `2025-01-31T09:30:00.000Z`;
 * - `previousState`, `newState`, `payload`: the JSON values as stored;
 * - `eventId`, `eventType`, `entityType`, `entityId`, `actorId`, `correlationId`, `causationId`,
 *   `traceId`, `sourceTopic`: strings as stored.
 */
export function canonicalRow(sequence: bigint, record: AuditRecord): string {
  const row = {
    sequence: sequence.toString(),
    eventId: record.eventId,
    eventType: record.eventType,
    entityType: record.entityType,
    entityId: record.entityId,
    entityVersion: record.entityVersion.toString(),
    actorId: record.actorId,
    correlationId: record.correlationId,
    causationId: record.causationId,
    traceId: record.traceId,
    previousState: record.previousState,
    newState: record.newState,
    occurredAt: record.occurredAt.toISOString(),
    recordedAt: record.recordedAt.toISOString(),
    sourceTopic: record.sourceTopic,
    sourcePartition: record.sourcePartition,
    sourceOffset: record.sourceOffset.toString(),
    payload: record.payload,
  }

  return canonicalize(row) as string
}

/** Lowercase hex SHA-256 of the UTF-8 bytes of `prevHash` immediately followed by `canonical`. */
export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonical, 'utf8').digest('hex')
}

/** Places a record after `last` (undefined: the chain is empty). */
export function appendToChain(record: AuditRecord, last: ChainLink | undefined): AuditEntry {
  const sequence = (last?.sequence ?? 0n) + 1n
  const prevHash = last?.hash ?? GENESIS_HASH

  return { ...record, sequence, prevHash, hash: chainHash(prevHash, canonicalRow(sequence, record)) }
}

export type LinkBreak =
  /** An entry before this one is missing (or numbers were rewritten). */
  | 'SEQUENCE_GAP'
  /** `prevHash` is not the predecessor's hash. */
  | 'PREVIOUS_HASH_MISMATCH'
  /** The row no longer hashes to its `hash`: some field changed after it was written. */
  | 'HASH_MISMATCH'

/** Why `entry` does not follow `previous` (undefined: it is the first entry), if it does not. */
export function linkBreakOf(entry: AuditEntry, previous: ChainLink | undefined): LinkBreak | undefined {
  if (entry.sequence !== (previous?.sequence ?? 0n) + 1n) {
    return 'SEQUENCE_GAP'
  }
  if (entry.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
    return 'PREVIOUS_HASH_MISMATCH'
  }
  if (entry.hash !== chainHash(entry.prevHash, canonicalRow(entry.sequence, entry))) {
    return 'HASH_MISMATCH'
  }

  return undefined
}
