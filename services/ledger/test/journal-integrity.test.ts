import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'

import { createPool, runMigrations, withTransaction, type Pool, type PoolClient } from '@pay/db'
import { createTestSchema, type TestSchema } from '@pay/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const migrations = fileURLToPath(new URL('../migrations', import.meta.url))

let schema: TestSchema
let pool: Pool
const accounts = { expense: randomUUID(), payable: randomUUID(), bankUsd: randomUUID() }

beforeAll(async () => {
  schema = await createTestSchema('ledger_integrity')
  pool = createPool({ connectionString: schema.url, schema: schema.schema, max: 3 })
  await runMigrations(pool, { directory: migrations })
  await pool.query(
    `insert into accounts (id, code, name, kind, currency) values
       ($1, 'expense:unassigned', 'Expense', 'EXPENSE', null),
       ($2, 'payable:legacy', 'Payable', 'PAYABLE', null),
       ($3, 'bank-clearing:USD', 'Bank USD', 'BANK_CLEARING', 'USD')`,
    [accounts.expense, accounts.payable, accounts.bankUsd],
  )
})

afterAll(async () => {
  await pool?.end()
  await schema?.drop()
})

interface Line {
  account: string
  side: 'DEBIT' | 'CREDIT'
  amount: number
  currency?: string
}

async function insertEntry(client: PoolClient, currency: string, lines: Line[]): Promise<string> {
  const entryId = randomUUID()
  await client.query(
    `insert into journal_entries (id, request_id, kind, currency, description, source_event_id)
     values ($1, $2, 'ACCRUAL', $3, 'test', $4)`,
    [entryId, randomUUID(), currency, randomUUID()],
  )
  for (const line of lines) {
    await client.query(
      'insert into postings (entry_id, currency, account_id, side, amount) values ($1, $2, $3, $4, $5)',
      [entryId, line.currency ?? currency, line.account, line.side, line.amount],
    )
  }

  return entryId
}

async function postEntry(currency: string, lines: Line[]): Promise<string> {
  return withTransaction(pool, (client) => insertEntry(client, currency, lines))
}

function balancedLines(amount = 500): Line[] {
  return [
    { account: accounts.expense, side: 'DEBIT', amount },
    { account: accounts.payable, side: 'CREDIT', amount },
  ]
}

describe('journal integrity', () => {
  it('an unbalanced entry inserted directly should be refused by the database at commit', async () => {
    const attempt = postEntry('USD', [
      { account: accounts.expense, side: 'DEBIT', amount: 500 },
      { account: accounts.payable, side: 'CREDIT', amount: 499 },
    ])

    await expect(attempt).rejects.toMatchObject({ code: '23514', constraint: 'journal_entries_balanced' })
    const { rows } = await pool.query('select count(*)::int as count from journal_entries')
    expect(rows[0].count).toBe(0)
  })

  it('an entry without postings should be refused', async () => {
    await expect(postEntry('USD', [])).rejects.toMatchObject({ constraint: 'journal_entries_balanced' })
  })

  it('an entry balanced only across currencies should be refused', async () => {
    const attempt = postEntry('USD', [
      { account: accounts.expense, side: 'DEBIT', amount: 500 },
      { account: accounts.payable, side: 'CREDIT', amount: 500, currency: 'EUR' },
    ])

    await expect(attempt).rejects.toMatchObject({ code: '23503', constraint: 'postings_entry_fkey' })
  })

  it('a posting to the bank clearing account of another currency should be refused', async () => {
    const attempt = postEntry('EUR', [
      { account: accounts.payable, side: 'DEBIT', amount: 500 },
      { account: accounts.bankUsd, side: 'CREDIT', amount: 500 },
    ])

    await expect(attempt).rejects.toMatchObject({ constraint: 'postings_account_currency_check' })
  })

  it('a negative posting should be refused', async () => {
    const attempt = postEntry('USD', [
      { account: accounts.expense, side: 'DEBIT', amount: -5 },
      { account: accounts.payable, side: 'CREDIT', amount: -5 },
    ])

    await expect(attempt).rejects.toMatchObject({ code: '23514', constraint: 'postings_amount_check' })
  })

  it('a second accrual for the same request should be refused by its unique key', async () => {
    const requestId = randomUUID()
    const insert = (client: PoolClient) =>
      client.query(
        `insert into journal_entries (id, request_id, kind, currency, description, source_event_id)
         values ($1, $2, 'ACCRUAL', 'USD', 'test', $3)`,
        [randomUUID(), requestId, randomUUID()],
      )

    const attempt = withTransaction(pool, async (client) => {
      await insert(client)
      await insert(client)
    })

    await expect(attempt).rejects.toMatchObject({
      code: '23505',
      constraint: 'journal_entries_request_kind_key',
    })
  })

  it('a balanced entry should be accepted and then refuse every update, delete and truncate', async () => {
    const entryId = await postEntry('USD', balancedLines())

    await expect(
      pool.query(`update journal_entries set description = 'x' where id = $1`, [entryId]),
    ).rejects.toMatchObject({ code: '23001' })
    await expect(
      pool.query('update postings set amount = amount + 1 where entry_id = $1', [entryId]),
    ).rejects.toMatchObject({ code: '23001' })
    await expect(pool.query('delete from postings where entry_id = $1', [entryId])).rejects.toMatchObject({
      code: '23001',
    })
    await expect(pool.query('delete from journal_entries where id = $1', [entryId])).rejects.toMatchObject({
      code: '23001',
    })
    await expect(pool.query('truncate postings, journal_entries')).rejects.toMatchObject({ code: '23001' })
    const { rows } = await pool.query('select count(*)::int as count from postings where entry_id = $1', [
      entryId,
    ])
    expect(rows[0].count).toBe(2)
  })

  it('an account should accept a new name only', async () => {
    await pool.query(`update accounts set name = 'Expense (renamed)' where id = $1`, [accounts.expense])

    await expect(
      pool.query(`update accounts set code = 'other' where id = $1`, [accounts.expense]),
    ).rejects.toMatchObject({
      code: '23001',
    })
    await expect(pool.query('delete from accounts where id = $1', [accounts.bankUsd])).rejects.toMatchObject({
      code: '23001',
    })
  })
})
