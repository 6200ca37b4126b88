import type { ApprovalPolicy } from '../domain/policy.ts'
import type { Queryable } from './queryable.ts'

interface PolicyRow {
  currency: string
  threshold: bigint
  version: bigint
  updated_by: string | null
  updated_at: Date
}

const COLUMNS = 'currency, threshold, version, updated_by, updated_at'

export async function listPolicies(db: Queryable): Promise<ApprovalPolicy[]> {
  const { rows } = await db.query<PolicyRow>(`select ${COLUMNS} from approval_policies order by currency`)

  return rows.map(toPolicy)
}

export async function findThreshold(db: Queryable, currency: string): Promise<bigint | null> {
  const { rows } = await db.query<{ threshold: bigint }>(
    'select threshold from approval_policies where currency = $1',
    [currency],
  )

  return rows[0]?.threshold ?? null
}

export async function lockPolicy(db: Queryable, currency: string): Promise<ApprovalPolicy | undefined> {
  const { rows } = await db.query<PolicyRow>(
    `select ${COLUMNS} from approval_policies where currency = $1 for update`,
    [currency],
  )

  return rows[0] === undefined ? undefined : toPolicy(rows[0])
}

/** Inserts or replaces the threshold of a currency, counting up its version. */
export async function savePolicy(
  db: Queryable,
  change: { currency: string; threshold: bigint; updatedBy: string },
): Promise<ApprovalPolicy> {
  const { rows } = await db.query<PolicyRow>(
    `insert into approval_policies (currency, threshold, updated_by)
     values ($1, $2, $3)
     on conflict (currency) do update
       set threshold = excluded.threshold, updated_by = excluded.updated_by,
           updated_at = now(), version = approval_policies.version + 1
     returning ${COLUMNS}`,
    [change.currency, change.threshold, change.updatedBy],
  )

  return toPolicy(rows[0]!)
}

/** Adds the configured thresholds of currencies that have no policy yet; existing ones stay. */
export async function seedPolicies(db: Queryable, thresholds: ReadonlyMap<string, bigint>): Promise<void> {
  if (thresholds.size === 0) {
    return
  }

  await db.query(
    `insert into approval_policies (currency, threshold)
     select * from unnest($1::text[], $2::int8[])
     on conflict (currency) do nothing`,
    [[...thresholds.keys()], [...thresholds.values()]],
  )
}

function toPolicy(row: PolicyRow): ApprovalPolicy {
  return {
    currency: row.currency,
    threshold: row.threshold,
    version: row.version,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  }
}
