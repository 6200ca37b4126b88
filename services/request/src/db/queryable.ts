import type { PoolClient } from '@pay/db'

/** A pool or a client inside a transaction: reads work on either, writes get the transaction's client. */
export type Queryable = Pick<PoolClient, 'query'>
