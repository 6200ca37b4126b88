import { randomUUID } from 'node:crypto'

import type { ApiClient, ApiResponse } from '@pay/system'

import { legacyRequest, pdf, probeActors, send, uploadSoa, type Actors } from './api.ts'
import {
  allItems,
  approvedRequest,
  batchVersion,
  draftBatch,
  draftRequest,
  queuedRequest,
  requestVersion,
} from './fixtures.ts'

export interface IdempotencyProbeOptions {
  gatewayUrl: string
  adminUser: string
  adminPassword: string
  /** Sends of one key, sequentially and then concurrently (at least 2). */
  repeats?: number
}

export interface MutationReport {
  mutation: string
  sequentialStatuses: number[]
  concurrentStatuses: number[]
  changedBodyStatus: number
  /** Effects counted through reads after each phase; each must be exactly 1. */
  effects: { sequential: number; concurrent: number }
  doubleEffects: number
  problems: string[]
}

export interface IdempotencyReport {
  ok: boolean
  repeats: number
  doubleEffects: number
  mutations: MutationReport[]
}

interface MutationCase<T> {
  mutation: string
  prepare: () => Promise<T>
  send: (target: T, key: string) => Promise<ApiResponse>
  /** The same key with another body (or another target of the same route): must be 422. */
  sendChanged: (target: T, key: string) => Promise<ApiResponse>
  /** How many times the command took effect, read back through the API. */
  effects: (target: T) => Promise<number>
}

/**
 * For every kind of command: one key sent N times in a row, a fresh key sent N times at once, and
 * the first key with a changed body. Every answer must be the first one replayed (or 409 while the
 * first is still running), the changed body 422, and the effect, counted through reads, exactly one.
 */
export async function probeIdempotency(options: IdempotencyProbeOptions): Promise<IdempotencyReport> {
  const repeats = Math.max(2, options.repeats ?? 5)
  const actors = await probeActors(options.gatewayUrl, options.adminUser, options.adminPassword, 2)
  const mutations: MutationReport[] = []

  for (const mutationCase of cases(actors)) {
    mutations.push(await runCase(mutationCase, repeats))
  }
  const doubleEffects = mutations.reduce((sum, report) => sum + report.doubleEffects, 0)

  return {
    ok: mutations.every((report) => report.problems.length === 0),
    repeats,
    doubleEffects,
    mutations,
  }
}

async function runCase(mutationCase: MutationCase<unknown>, repeats: number): Promise<MutationReport> {
  const problems: string[] = []

  const first = await mutationCase.prepare()
  const key = `probe-${randomUUID()}`
  const sequential: ApiResponse[] = []
  for (let sent = 0; sent < repeats; sent += 1) {
    sequential.push(await mutationCase.send(first, key))
  }
  const changed = await mutationCase.sendChanged(first, key)
  const sequentialEffects = await mutationCase.effects(first)

  const second = await mutationCase.prepare()
  const concurrentKey = `probe-${randomUUID()}`
  const concurrent = await Promise.all(
    Array.from({ length: repeats }, () => mutationCase.send(second, concurrentKey)),
  )
  const concurrentEffects = await mutationCase.effects(second)

  problems.push(...replayProblems('sequential', sequential, false))
  problems.push(...replayProblems('concurrent', concurrent, true))
  if (changed.status !== 422) {
    problems.push(`the same key with a changed body answered ${changed.status}, not 422`)
  }
  for (const [phase, effects] of [
    ['sequential', sequentialEffects],
    ['concurrent', concurrentEffects],
  ] as const) {
    if (effects !== 1) {
      problems.push(`${phase}: ${effects} effects instead of 1`)
    }
  }

  return {
    mutation: mutationCase.mutation,
    sequentialStatuses: sequential.map((response) => response.status),
    concurrentStatuses: concurrent.map((response) => response.status),
    changedBodyStatus: changed.status,
    effects: { sequential: sequentialEffects, concurrent: concurrentEffects },
    doubleEffects: Math.max(0, sequentialEffects - 1) + Math.max(0, concurrentEffects - 1),
    problems,
  }
}

/**
 * The first success is the original; every other answer must replay it exactly, except that a
 * send overlapping the running original may get 409.
 */
function replayProblems(phase: string, responses: ApiResponse[], overlapping: boolean): string[] {
  const successes = responses.filter((response) => response.status >= 200 && response.status < 300)
  const original = successes.find((response) => response.headers.get('idempotent-replayed') !== 'true')
  if (original === undefined) {
    return [`${phase}: no original success among ${responses.map((response) => response.status).join(',')}`]
  }

  const problems: string[] = []
  for (const response of responses) {
    if (response === original || (overlapping && response.status === 409)) {
      continue
    }
    if (response.headers.get('idempotent-replayed') !== 'true') {
      problems.push(`${phase}: a repeat answered ${response.status} without Idempotent-Replayed`)
    } else if (
      response.status !== original.status ||
      JSON.stringify(response.body) !== JSON.stringify(original.body)
    ) {
      problems.push(`${phase}: a replay answered ${response.status} with another body than the original`)
    }
  }

  return problems
}

function cases({ admin, creator, approvers }: Actors): MutationCase<unknown>[] {
  const [approver, otherApprover] = approvers as [ApiClient, ApiClient]
  return [
    defineCase({
      mutation: 'create batch',
      prepare: async () => ({ title: `probe ${randomUUID()}` }),
      send: (target: { title: string }, key: string) =>
        send(creator, 'POST', 'batches', { body: { title: target.title }, idempotencyKey: key }),
      sendChanged: (target: { title: string }, key: string) =>
        send(creator, 'POST', 'batches', { body: { title: `${target.title} changed` }, idempotencyKey: key }),
      effects: async (target: { title: string }) =>
        (await allItems<{ title: string }>(creator, 'batches')).filter((batch) =>
          batch.title.startsWith(target.title),
        ).length,
    }),
    defineCase({
      mutation: 'add request',
      prepare: () => draftBatch(creator),
      send: (target: { batchId: string }, key: string) =>
        send(creator, 'POST', `batches/${target.batchId}/requests`, {
          body: { ...legacyRequest('12.00'), purpose: 'probe add' },
          idempotencyKey: key,
        }),
      sendChanged: (target: { batchId: string }, key: string) =>
        send(creator, 'POST', `batches/${target.batchId}/requests`, {
          body: { ...legacyRequest('13.00'), purpose: 'probe add' },
          idempotencyKey: key,
        }),
      effects: async (target: { batchId: string }) =>
        (await send<{ requests: unknown[] }>(creator, 'GET', `batches/${target.batchId}`)).body.requests
          .length,
    }),
    defineCase({
      mutation: 'patch request',
      prepare: () => draftRequest(creator),
      send: (target: { batchId: string; requestId: string }, key: string) =>
        send(creator, 'PATCH', `batches/${target.batchId}/requests/${target.requestId}`, {
          body: { purpose: 'probe patched' },
          idempotencyKey: key,
        }),
      sendChanged: (target: { batchId: string; requestId: string }, key: string) =>
        send(creator, 'PATCH', `batches/${target.batchId}/requests/${target.requestId}`, {
          body: { purpose: 'probe patched differently' },
          idempotencyKey: key,
        }),
      effects: async (target: { requestId: string }) => (await requestVersion(creator, target.requestId)) - 1,
    }),
    defineCase({
      mutation: 'upload SOA',
      prepare: () => draftRequest(creator),
      send: (target: { requestId: string }, key: string) =>
        uploadSoa(creator, target.requestId, { name: 'probe.pdf', bytes: pdf('one') }, key),
      sendChanged: (target: { requestId: string }, key: string) =>
        uploadSoa(creator, target.requestId, { name: 'probe.pdf', bytes: pdf('two') }, key),
      effects: async (target: { requestId: string }) =>
        (await allItems(creator, `requests/${target.requestId}/soa`)).length,
    }),
    defineCase({
      mutation: 'submit batch',
      prepare: () => draftRequest(creator),
      send: (target: { batchId: string }, key: string) =>
        send(creator, 'POST', `batches/${target.batchId}/submit`, { body: {}, idempotencyKey: key }),
      // The body is empty by contract; the same key on another batch of the same route is the change.
      sendChanged: (_target: unknown, key: string) =>
        send(creator, 'POST', `batches/${randomUUID()}/submit`, { body: {}, idempotencyKey: key }),
      effects: async (target: { batchId: string }) => (await batchVersion(creator, target.batchId)) - 1,
    }),
    defineCase({
      mutation: 'cancel batch',
      prepare: () => draftBatch(creator),
      send: (target: { batchId: string }, key: string) =>
        send(creator, 'POST', `batches/${target.batchId}/cancel`, { body: {}, idempotencyKey: key }),
      sendChanged: (_target: unknown, key: string) =>
        send(creator, 'POST', `batches/${randomUUID()}/cancel`, { body: {}, idempotencyKey: key }),
      effects: async (target: { batchId: string }) => (await batchVersion(creator, target.batchId)) - 1,
    }),
    defineCase({
      mutation: 'approve',
      prepare: () => queuedRequest(creator),
      send: (target: { requestId: string }, key: string) =>
        send(approver, 'POST', `requests/${target.requestId}/approve`, {
          body: { comment: 'probe approves' },
          idempotencyKey: key,
        }),
      sendChanged: (target: { requestId: string }, key: string) =>
        send(approver, 'POST', `requests/${target.requestId}/approve`, {
          body: { comment: 'probe approves twice' },
          idempotencyKey: key,
        }),
      effects: async (target: { requestId: string }) => votesOf(creator, target.requestId),
    }),
    defineCase({
      mutation: 'reject',
      prepare: () => queuedRequest(creator),
      send: (target: { requestId: string }, key: string) =>
        send(otherApprover, 'POST', `requests/${target.requestId}/reject`, {
          body: { comment: 'probe rejects' },
          idempotencyKey: key,
        }),
      sendChanged: (target: { requestId: string }, key: string) =>
        send(otherApprover, 'POST', `requests/${target.requestId}/reject`, {
          body: { comment: 'probe rejects twice' },
          idempotencyKey: key,
        }),
      effects: async (target: { requestId: string }) => votesOf(creator, target.requestId),
    }),
    defineCase({
      mutation: 'mark paid',
      prepare: () => approvedRequest(creator, approver),
      send: (target: { requestId: string }, key: string) =>
        send(admin, 'POST', `requests/${target.requestId}/mark-paid`, { body: {}, idempotencyKey: key }),
      sendChanged: (_target: unknown, key: string) =>
        send(admin, 'POST', `requests/${randomUUID()}/mark-paid`, { body: {}, idempotencyKey: key }),
      effects: async (target: { requestId: string; version: number }) =>
        (await requestVersion(admin, target.requestId)) - target.version,
    }),
    defineCase({
      mutation: 'create client (master data)',
      prepare: async () => ({ name: `Probe ${randomUUID()}` }),
      send: (target: { name: string }, key: string) =>
        send(admin, 'POST', 'ledger/clients', { body: { name: target.name }, idempotencyKey: key }),
      sendChanged: (target: { name: string }, key: string) =>
        send(admin, 'POST', 'ledger/clients', {
          body: { name: `${target.name} changed` },
          idempotencyKey: key,
        }),
      effects: async (target: { name: string }) =>
        (await allItems<{ name: string }>(admin, 'ledger/clients')).filter((client) =>
          client.name.startsWith(target.name),
        ).length,
    }),
    defineCase({
      mutation: 'create user',
      prepare: async () => ({ username: `probe-${randomUUID().slice(0, 8)}-viewer` }),
      send: (target: { username: string }, key: string) =>
        send(admin, 'POST', 'users', { body: newUser(target.username, 'Probe Viewer'), idempotencyKey: key }),
      sendChanged: (target: { username: string }, key: string) =>
        send(admin, 'POST', 'users', {
          body: newUser(target.username, 'Probe Changed'),
          idempotencyKey: key,
        }),
      effects: async (target: { username: string }) =>
        (await allItems<{ username: string }>(admin, 'users')).filter(
          (user) => user.username === target.username,
        ).length,
    }),
  ]
}

/** Erases a case's target type once its functions were checked against each other. */
function defineCase<T>(spec: MutationCase<T>): MutationCase<unknown> {
  return spec as MutationCase<unknown>
}

function newUser(username: string, displayName: string) {
  return { username, password: 'Probe-Viewer-Passphrase-93', role: 'VIEWER', displayName }
}

async function votesOf(client: ApiClient, requestId: string): Promise<number> {
  const history = await send<{ votes: unknown[] }>(client, 'GET', `requests/${requestId}/approvals`)

  return history.body.votes.length
}
