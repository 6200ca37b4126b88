import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { updateState } from './state-file.ts'

export interface ServiceDatabase {
  url: string
  schema: string
  role: string
}

export interface SchemaOwner {
  schema: string
  role: string
  password: string
}

const identifier = /^[a-z_][a-z0-9_]{0,62}$/

/** Serialises provisioning: concurrent GRANTs on one database fail with "tuple concurrently updated". */
const provisioningLock = 'pay-infra:provisioning'

/**
 * Gives a service its own login role `<service>_svc` owning schema `<service>`, with a password kept
 * in the infra state file. Safe to call on every start: it converges instead of failing.
 */
export async function provisionServiceDatabase(adminUrl: string, service: string): Promise<ServiceDatabase> {
  const role = `${service}_svc`
  assertIdentifier(service)
  assertIdentifier(role)

  const password = await updateState((state) => {
    state.serviceRoles ??= {}
    state.serviceRoles[role] ??= randomBytes(24).toString('hex')

    return state.serviceRoles[role]
  })

  return provisionSchemaOwner(adminUrl, { schema: service, role, password })
}

export async function dropServiceDatabase(adminUrl: string, service: string): Promise<void> {
  const role = `${service}_svc`
  await dropSchemaOwner(adminUrl, { schema: service, role })
  await updateState((state) => {
    delete state.serviceRoles?.[role]
  })
}

/**
 * Creates (or repairs) a role that owns one schema and can use no other: PUBLIC loses its rights on
 * `public` and on connecting, so each role only reaches what it owns.
 */
export async function provisionSchemaOwner(adminUrl: string, owner: SchemaOwner): Promise<ServiceDatabase> {
  const { schema, role, password } = owner
  assertIdentifier(schema)
  assertIdentifier(role)

  const database = new URL(adminUrl).pathname.slice(1)
  await inLockedTransaction(adminUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])
    const verb = rowCount === 0 ? 'CREATE' : 'ALTER'
    await client.query(
      `${verb} ROLE ${quote(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${literal(password)}`,
    )
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quote(schema)} AUTHORIZATION ${quote(role)}`)
    await client.query(`ALTER SCHEMA ${quote(schema)} OWNER TO ${quote(role)}`)
    await client.query(`ALTER ROLE ${quote(role)} SET search_path TO ${quote(schema)}`)
    await client.query('REVOKE ALL ON SCHEMA public FROM PUBLIC')
    await client.query(`REVOKE CONNECT ON DATABASE ${quote(database)} FROM PUBLIC`)
    await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${quote(database)} TO ${quote(role)}`)
  })

  const url = new URL(adminUrl)
  url.username = role
  url.password = password

  return { url: url.toString(), schema, role }
}

export async function dropSchemaOwner(adminUrl: string, owner: Omit<SchemaOwner, 'password'>): Promise<void> {
  const { schema, role } = owner
  assertIdentifier(schema)
  assertIdentifier(role)

  await inLockedTransaction(adminUrl, async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS ${quote(schema)} CASCADE`)
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])
    if (rowCount === 0) return

    // DROP OWNED also revokes the role's grants (CONNECT on the database), which DROP ROLE requires.
    await client.query(`DROP OWNED BY ${quote(role)}`)
    await client.query(`DROP ROLE ${quote(role)}`)
  })
}

async function inLockedTransaction(
  adminUrl: string,
  work: (client: pg.Client) => Promise<void>,
): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [provisioningLock])
    await work(client)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    await client.end()
  }
}

function assertIdentifier(name: string): void {
  if (!identifier.test(name)) throw new TypeError(`${name} is not a lowercase Postgres identifier`)
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}
