import type { HttpServer } from '@pay/http'
import { decodeCursor, pageOf, pageQuerySchema } from '@pay/pagination'
import type { ServiceContext } from '@pay/runtime'
import { principalOf, requireRole } from '@pay/service-auth'
import type { FastifyRequest } from 'fastify'
import { z } from 'zod'

import { findAccount } from '../db/accounts-store.ts'
import { accountTotals, balancesOf, entriesOfAccount, listAccounts } from '../db/journal-queries.ts'
import { trialBalanceOf } from '../domain/trial-balance.ts'
import { ledgerError } from '../errors.ts'
import { presentAccount, presentEntry, presentTrialBalance } from './journal-presenter.ts'

const accountParams = z.strictObject({ id: z.uuid({ error: 'must be a UUID' }) })
const accountsQuery = pageQuerySchema.extend({
  kind: z.enum(['EXPENSE', 'PAYABLE', 'BANK_CLEARING']).optional(),
  ownerType: z.enum(['SITE', 'VENDOR', 'SUBCONTRACTOR']).optional(),
  ownerId: z.uuid({ error: 'must be a UUID' }).optional(),
})
const accountsCursor = z.strictObject({ code: z.string() })
const entriesCursor = z.strictObject({ seq: z.string().regex(/^\d{1,19}$/) })

/**
 * Journal reads. Creators see only their own batches elsewhere, so the journal, which spans
 * every request, is for admins, approvers and viewers.
 */
export function registerJournalRoutes(app: HttpServer, context: ServiceContext): void {
  const { pool } = context

  app.get('/ledger/accounts', { schema: { querystring: accountsQuery } }, async (request) => {
    requireJournalReader(request)
    const { limit, cursor, ...filter } = request.query
    const afterCode = cursor === undefined ? undefined : decodeCursor(cursor, accountsCursor).code
    const accounts = await listAccounts(pool, filter, { limit, afterCode })
    const balances = await balancesOf(
      pool,
      accounts.slice(0, limit).map((account) => account.id),
    )

    return pageOf(
      accounts,
      limit,
      (account) => presentAccount(account, balances.get(account.id) ?? []),
      (account) => ({ code: account.code }),
    )
  })

  app.get('/ledger/accounts/:id', { schema: { params: accountParams } }, async (request) => {
    requireJournalReader(request)
    const account = await findAccount(pool, request.params.id)
    if (account === undefined) {
      throw ledgerError('ACCOUNT_NOT_FOUND', `no account ${request.params.id}`)
    }

    const balances = await balancesOf(pool, [account.id])
    return presentAccount(account, balances.get(account.id) ?? [])
  })

  app.get(
    '/ledger/accounts/:id/entries',
    { schema: { params: accountParams, querystring: pageQuerySchema } },
    async (request) => {
      requireJournalReader(request)
      const account = await findAccount(pool, request.params.id)
      if (account === undefined) {
        throw ledgerError('ACCOUNT_NOT_FOUND', `no account ${request.params.id}`)
      }

      const { limit, cursor } = request.query
      const beforeSeq = cursor === undefined ? undefined : BigInt(decodeCursor(cursor, entriesCursor).seq)
      const entries = await entriesOfAccount(pool, account.id, { limit, beforeSeq })

      return pageOf(entries, limit, presentEntry, (entry) => ({ seq: entry.seq.toString() }))
    },
  )

  app.get('/ledger/trial-balance', async (request) => {
    requireJournalReader(request)

    return presentTrialBalance(trialBalanceOf(await accountTotals(pool)))
  })
}

function requireJournalReader(request: FastifyRequest): void {
  requireRole(principalOf(request), 'ADMIN', 'APPROVER', 'VIEWER')
}
