import { randomUUID } from 'node:crypto'

import type { ApiResponse } from '@pay/system'

import { pdf, probeActors, send, uploadSoa } from './api.ts'
import {
  allItems,
  approvedRequest,
  batchVersion,
  draftRequest,
  queuedRequest,
  requestVersion,
} from './fixtures.ts'

export interface ConcurrencyProbeOptions {
  gatewayUrl: string
  adminUser: string
  adminPassword: string
  /** Clients racing in each race. */
  clients?: number
  /** Distinct approvers sharing the approval race. */
  approvers?: number
}

export interface RaceReport {
  race: string
  clients: number
  /** Answers by status, e.g. { 200: 1, 409: 19 }. */
  statuses: Record<string, number>
  winners: number
  ok: boolean
  detail: string
}

export interface ConcurrencyReport {
  ok: boolean
  races: RaceReport[]
}

/**
 * Many clients, each with its own idempotency key, fire the same command at once. A state
 * transition must have exactly one winner (the others 409); concurrent SOA uploads may all win but
 * must get versions 1, 2, 3… without gaps or repeats.
 */
export async function probeConcurrency(options: ConcurrencyProbeOptions): Promise<ConcurrencyReport> {
  const clients = Math.max(2, options.clients ?? 20)
  const { admin, creator, approvers } = await probeActors(
    options.gatewayUrl,
    options.adminUser,
    options.adminPassword,
    Math.max(1, options.approvers ?? 3),
  )
  const races: RaceReport[] = []

  const submitted = await draftRequest(creator)
  const submits = await together(clients, () =>
    send(creator, 'POST', `batches/${submitted.batchId}/submit`, { body: {} }),
  )
  const version = await batchVersion(creator, submitted.batchId)
  races.push(
    transitionRace(
      'submit the same batch',
      submits,
      `batch version after the race: ${version}`,
      version === 2,
    ),
  )

  const decided = await queuedRequest(creator)
  const decisions = await together(clients, (at) =>
    at % 2 === 0
      ? send(approvers[at % approvers.length]!, 'POST', `requests/${decided.requestId}/approve`, { body: {} })
      : send(approvers[at % approvers.length]!, 'POST', `requests/${decided.requestId}/reject`, {
          body: { comment: 'probe race' },
        }),
  )
  const history = await send<{ status: string; decision: unknown }>(
    creator,
    'GET',
    `requests/${decided.requestId}/approvals`,
  )
  races.push(
    transitionRace(
      'approve or reject the same request',
      decisions,
      `approval status after the race: ${history.body.status}`,
      history.body.decision !== null,
    ),
  )

  const paid = await approvedRequest(creator, approvers[0]!)
  const payments = await together(clients, () =>
    send(admin, 'POST', `requests/${paid.requestId}/mark-paid`, { body: {} }),
  )
  const paidVersion = await requestVersion(admin, paid.requestId)
  races.push(
    transitionRace(
      'mark the same request paid',
      payments,
      `request version ${paid.version} → ${paidVersion}`,
      paidVersion === paid.version + 1,
    ),
  )

  const uploaded = await draftRequest(creator)
  const uploads = await together(clients, (at) =>
    uploadSoa(
      creator,
      uploaded.requestId,
      { name: `race-${at}.pdf`, bytes: pdf(`race ${at}`) },
      randomUUID(),
    ),
  )
  const versions = (await allItems<{ version: number }>(creator, `requests/${uploaded.requestId}/soa`)).map(
    (document) => document.version,
  )
  races.push(soaRace(uploads, versions))

  return { ok: races.every((race) => race.ok), races }
}

async function together<T>(count: number, fire: (at: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, at) => fire(at)))
}

function statusCounts(responses: ApiResponse[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const response of responses) {
    counts[response.status] = (counts[response.status] ?? 0) + 1
  }

  return counts
}

/** One 2xx, every other answer a 409 conflict. */
function transitionRace(
  race: string,
  responses: ApiResponse[],
  detail: string,
  stateOk: boolean,
): RaceReport {
  const winners = responses.filter((response) => response.status >= 200 && response.status < 300).length
  const conflicts = responses.filter((response) => response.status === 409).length
  const ok = winners === 1 && conflicts === responses.length - 1 && stateOk

  return { race, clients: responses.length, statuses: statusCounts(responses), winners, ok, detail }
}

function soaRace(responses: ApiResponse<{ version?: number }>[], listed: number[]): RaceReport {
  const won = responses.filter((response) => response.status === 201)
  const answered = won.map((response) => response.body.version ?? 0).sort((a, b) => a - b)
  const sorted = [...listed].sort((a, b) => a - b)
  const gapFree = sorted.every((version, at) => version === at + 1)
  const sameAsAnswered = JSON.stringify(sorted) === JSON.stringify(answered)
  const refusedCleanly = responses.every((response) => response.status === 201 || response.status === 409)

  return {
    race: 'upload SOA versions to the same request',
    clients: responses.length,
    statuses: statusCounts(responses),
    winners: won.length,
    ok: won.length > 0 && gapFree && sameAsAnswered && refusedCleanly,
    detail: `versions stored: ${sorted.join(',')}${gapFree ? '' : ' (gaps or repeats)'}${sameAsAnswered ? '' : `; answered: ${answered.join(',')}`}`,
  }
}
