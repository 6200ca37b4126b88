/**
 * Conventions of every payload: amounts are `bigint` integer minor units of `currency` (ISO
 * 4217); ids are uuid strings; optional fields are `null`, never missing. Every enum but
 * `PostingSide` has an `UNKNOWN` symbol: it is what a reader sees for a symbol added after its
 * own schema version, so a consumer must treat it as "newer than me".
 */
export type Unknown = 'UNKNOWN'

export type Role = 'ADMIN' | 'CREATOR' | 'APPROVER' | 'VIEWER' | Unknown

export type BatchStatus = 'DRAFT' | 'SUBMITTED' | 'PROCESSING' | 'COMPLETED' | 'CANCELLED' | Unknown

export type RequestStatus =
  'DRAFT' | 'SUBMITTED' | 'PENDING_APPROVAL' | 'APPROVED' | 'REJECTED' | 'PAID' | Unknown

/** LEGACY: a free beneficiary; LEDGER: a vendor or subcontractor from master data. */
export type RequestKind = 'LEGACY' | 'LEDGER' | Unknown

export type PayeeEntityType = 'VENDOR' | 'SUBCONTRACTOR' | Unknown
