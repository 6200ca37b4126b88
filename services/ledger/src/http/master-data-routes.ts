import { randomUUID } from 'node:crypto'

import type { ConstraintErrors, PoolClient } from '@pay/db'
import type { HttpServer } from '@pay/http'
import { appendToOutbox } from '@pay/messaging'
import { decodeCursor, pageOf } from '@pay/pagination'
import { idempotent, type ServiceContext } from '@pay/runtime'
import { principalOf, requireRole } from '@pay/service-auth'
import type { FastifyRequest } from 'fastify'

import { renameAccount } from '../db/accounts-store.ts'
import {
  findMasterData,
  insertMasterData,
  listMasterData,
  updateMasterData,
} from '../db/master-data-store.ts'
import {
  assertReferenceUsable,
  kindDefinitions,
  masterDataKinds,
  newMasterDataRecord,
  patchMasterDataRecord,
  referencesToCheck,
  type MasterDataKind,
  type MasterDataRecord,
} from '../domain/master-data.ts'
import { ownedAccountOf } from '../domain/owned-account.ts'
import { ledgerError } from '../errors.ts'
import type { EventCause } from '../events/event-cause.ts'
import { ensureAccount } from '../events/journal-poster.ts'
import { masterDataChanged } from '../events/master-data-events.ts'
import { assertVersionMatches, etagOf, expectedVersionOf } from './if-match.ts'
import { presentMasterData } from './master-data-presenter.ts'
import { idParams, kindSchemas, masterDataCursor } from './master-data-schemas.ts'

const uniqueErrors: ConstraintErrors = {
  clients_name_key: () => nameTaken('client'),
  vendor_types_name_key: () => nameTaken('vendorType'),
  vendors_name_key: () => nameTaken('vendor'),
  subcontractor_scopes_name_key: () => nameTaken('subcontractorScope'),
  subcontractors_name_key: () => nameTaken('subcontractor'),
  sites_code_key: () =>
    ledgerError('SITE_CODE_TAKEN', undefined, { fields: [{ path: 'code', message: 'is taken' }] }),
}

/**
 * `/ledger/<kind>`: every role reads, admins create and patch. Nothing is deleted: PATCH
 * `{ active: false }` deactivates, `{ active: true }` reactivates. Every change is published
 * with the entity's whole state on the master-data topic, in the command's transaction.
 */
export function registerMasterDataRoutes(app: HttpServer, context: ServiceContext): void {
  for (const kind of masterDataKinds) {
    registerKind(app, context, kind)
  }
}

function registerKind(app: HttpServer, context: ServiceContext, kind: MasterDataKind): void {
  const schemas = kindSchemas[kind]
  const base = `/ledger/${schemas.path}`
  const label = kindDefinitions[kind].label

  app.get(base, { schema: { querystring: schemas.list } }, async (request) => {
    principalOf(request)
    const query = request.query as Record<string, unknown> & {
      limit: number
      cursor?: string
      active?: boolean
    }
    const fields: Record<string, string> = {}
    for (const filter of schemas.filters) {
      if (typeof query[filter] === 'string') {
        fields[filter] = query[filter]
      }
    }

    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, masterDataCursor)
    const rows = await listMasterData(
      context.pool,
      kind,
      { active: query.active, fields },
      { limit: query.limit, after },
    )

    return pageOf(
      rows,
      query.limit,
      (row) => presentMasterData(row.record),
      (row) => row.position,
    )
  })

  app.get(`${base}/:id`, { schema: { params: idParams } }, async (request, reply) => {
    principalOf(request)
    const record = await findMasterData(context.pool, kind, request.params.id)
    if (record === undefined) {
      throw ledgerError('MASTER_DATA_NOT_FOUND', `no ${label} ${request.params.id}`)
    }

    reply.header('etag', etagOf(record.version))
    return presentMasterData(record)
  })

  app.post(base, { schema: { body: schemas.create } }, async (request, reply) => {
    requireRole(principalOf(request), 'ADMIN')
    const input = request.body as Record<string, string | null | undefined>

    return idempotent(
      request,
      reply,
      context,
      async (client) => {
        const record = newMasterDataRecord(kind, randomUUID(), input, new Date())
        await checkReferences(client, record)
        await insertMasterData(client, record)
        await publish(client, record, causeOf(request))

        return { status: 201, body: presentMasterData(record) }
      },
      { constraints: uniqueErrors },
    )
  })

  app.patch(`${base}/:id`, { schema: { params: idParams, body: schemas.patch } }, async (request, reply) => {
    requireRole(principalOf(request), 'ADMIN')
    const expectedVersion = expectedVersionOf(request.headers['if-match'])
    const { active, ...fields } = request.body as Record<string, string | boolean | null | undefined>
    const id = request.params.id

    return idempotent(
      request,
      reply,
      context,
      async (client) => {
        const current = await findMasterData(client, kind, id, 'update')
        if (current === undefined) {
          throw ledgerError('MASTER_DATA_NOT_FOUND', `no ${label} ${id}`)
        }

        assertVersionMatches(expectedVersion, current.version)
        const next = patchMasterDataRecord(
          current,
          {
            fields: fields as Record<string, string | null | undefined>,
            active: active as boolean | undefined,
          },
          new Date(),
        )
        if (next === undefined) {
          return { status: 200, body: presentMasterData(current) }
        }

        await checkReferences(client, next, current)
        await updateMasterData(client, next)
        await publish(client, next, causeOf(request))

        return { status: 200, body: presentMasterData(next) }
      },
      { constraints: uniqueErrors },
    )
  })
}

/** Locks each newly referenced entity (FOR SHARE) so it cannot be deactivated before this commits. */
async function checkReferences(
  client: PoolClient,
  next: MasterDataRecord,
  previous?: MasterDataRecord,
): Promise<void> {
  for (const reference of referencesToCheck(next, previous)) {
    assertReferenceUsable(reference, await findMasterData(client, reference.kind, reference.id, 'share'))
  }
}

/** The change event, and the entity's own account: opened with it, renamed with it. */
async function publish(client: PoolClient, record: MasterDataRecord, cause: EventCause): Promise<void> {
  await appendToOutbox(client, [masterDataChanged(record, cause)])

  const account = ownedAccountOf(record)
  if (account !== undefined) {
    await ensureAccount(client, account, cause)
    await renameAccount(client, account.code, account.name)
  }
}

function causeOf(request: FastifyRequest): EventCause {
  return { actorId: principalOf(request).userId, correlationId: request.id, causationId: null }
}

function nameTaken(kind: MasterDataKind) {
  return ledgerError('NAME_TAKEN', `another ${kindDefinitions[kind].label} already has this name`, {
    fields: [{ path: 'name', message: 'is taken' }],
  })
}
