import { randomBytes } from 'node:crypto'
import { dropSchemaOwner, provisionSchemaOwner } from '@pay/infra'
import { infra } from './infra.ts'
import { uniqueName } from './unique-name.ts'

export interface TestSchema {
  schema: string
  role: string
  /** Logs in as `role`; set `search_path` to `schema` when connecting. */
  url: string
  drop(): Promise<void>
}

/** A fresh role owning a fresh schema, provisioned exactly like a service's own. */
export async function createTestSchema(prefix: string): Promise<TestSchema> {
  const { databaseUrl } = infra()
  const schema = uniqueName(prefix)
  const role = `${schema}_svc`
  const { url } = await provisionSchemaOwner(databaseUrl, {
    schema,
    role,
    password: randomBytes(18).toString('hex'),
  })

  return { schema, role, url, drop: () => dropSchemaOwner(databaseUrl, { schema, role }) }
}
