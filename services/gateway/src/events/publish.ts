import type { EventMessage } from '@pay/contracts'
import { withTransaction, type Pool } from '@pay/db'
import { appendToOutbox } from '@pay/messaging'

/** Records events that accompany no state change of their own (a failed login, a denial). */
export async function publishAlone(pool: Pool, events: EventMessage[]): Promise<void> {
  await withTransaction(pool, (client) => appendToOutbox(client, events))
}
