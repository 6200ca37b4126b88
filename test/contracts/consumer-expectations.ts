import type { EventType } from '../../contracts/src/index.ts'

/**
 * What one consuming service reads of each event type it handles: payload field paths, dotted into
 * nested records and array items (`totals.amount`). Written by reading the service's handlers; the
 * envelope is the same for every event and is not listed. An empty list means the handler reads no
 * single field (the audit stores whole payloads).
 */
export type ConsumerExpectations = { readonly [T in EventType]?: readonly string[] }
