import type { Pool, PoolClient } from '@pay/db'

/** A pool for single reads, a transaction's client for everything that must commit together. */
export type Queryable = Pool | PoolClient
