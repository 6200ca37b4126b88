import type { DeadLetter, ReplayOutcome } from './dead-letters.ts'
import type { Introspection } from './introspect.ts'
import type { InvariantReport, Violation } from './invariants/types.ts'
import type { ConcurrencyReport } from './probes/concurrency-probe.ts'
import type { IdempotencyReport } from './probes/idempotency-probe.ts'

/** Plain-text renderings of the commands' results, for a person at a terminal. */

export function invariantsText(report: InvariantReport): string {
  const lines: string[] = []
  for (const check of report.checks) {
    const mark = check.skipped !== undefined ? 'skip' : check.ok ? 'ok  ' : 'FAIL'
    const note = check.skipped ?? (check.ok ? '' : `${check.violations.length} violation(s)`)
    lines.push(`${mark} ${check.name}${note ? ` — ${note}` : ''}`)
    lines.push(...check.violations.map((violation) => `       ✘ ${describe(violation)}`))
    lines.push(...check.warnings.map((warning) => `       ! ${describe(warning)}`))
  }
  lines.push(report.ok ? 'all invariants hold' : 'INVARIANTS VIOLATED')

  return lines.join('\n')
}

export function idempotencyText(report: IdempotencyReport): string {
  const lines = [`each key sent ${report.repeats} times in a row and ${report.repeats} times at once`]
  for (const mutation of report.mutations) {
    const mark = mutation.problems.length === 0 ? 'ok  ' : 'FAIL'
    lines.push(
      `${mark} ${mutation.mutation.padEnd(28)} sequential ${summary(mutation.sequentialStatuses)}  concurrent ${summary(mutation.concurrentStatuses)}  changed body ${mutation.changedBodyStatus}  effects ${mutation.effects.sequential}+${mutation.effects.concurrent}`,
    )
    lines.push(...mutation.problems.map((problem) => `       ✘ ${problem}`))
  }
  lines.push(`double effects: ${report.doubleEffects}`)

  return lines.join('\n')
}

export function concurrencyText(report: ConcurrencyReport): string {
  return report.races
    .map((race) => {
      const statuses = Object.entries(race.statuses)
        .map(([status, count]) => `${count}×${status}`)
        .join(' ')

      return `${race.ok ? 'ok  ' : 'FAIL'} ${race.race.padEnd(40)} ${race.clients} clients, ${race.winners} winner(s) [${statuses}]${race.detail ? ` ${race.detail}` : ''}`
    })
    .join('\n')
}

export function introspectionText(view: Introspection): string {
  const lines = ['services']
  for (const service of view.services) {
    lines.push(
      `  ${service.ok ? 'up  ' : 'DOWN'} ${service.service.padEnd(9)} ${service.url}  healthz ${service.healthz}  readyz ${service.readyz}`,
    )
  }
  lines.push('outbox backlog')
  if (view.outboxes === null) lines.push('  (no database URL)')
  for (const outbox of view.outboxes ?? []) {
    const age = outbox.oldestSeconds === null ? '' : `, oldest ${outbox.oldestSeconds.toFixed(1)} s`
    lines.push(`  ${outbox.service.padEnd(9)} ${outbox.unpublished} unpublished${age}`)
  }
  lines.push('consumer lag')
  if (view.consumers === null) lines.push('  (no Kafka brokers)')
  for (const consumer of view.consumers ?? []) {
    lines.push(`  ${consumer.group.padEnd(40)} ${consumer.topic.padEnd(40)} ${consumer.lag}`)
  }
  lines.push('dead letters')
  if (view.deadLetters === null) lines.push('  (no Kafka brokers)')
  for (const topic of view.deadLetters ?? []) {
    lines.push(`  ${topic.topic.padEnd(50)} ${topic.total} total, ${topic.pending} not replayed`)
  }

  return lines.join('\n')
}

export function deadLettersText(letters: DeadLetter[]): string {
  if (letters.length === 0) {
    return 'no dead letters'
  }

  return letters
    .map((letter) => {
      const event =
        letter.event === null ? 'undecodable' : `${letter.event.eventType} ${letter.event.eventId}`
      const headers = Object.entries(letter.headers)
        .map(([name, value]) => `    ${name}: ${value}`)
        .join('\n')

      return `${letter.topic}:${letter.partition}@${letter.offset}${letter.replayed ? ' (replayed)' : ''} key ${letter.key} — ${event}\n${headers}`
    })
    .join('\n')
}

export function replayText(outcome: ReplayOutcome): string {
  const lines = outcome.replayed.map(
    (entry) =>
      `replayed ${entry.partition}@${entry.offset} → ${entry.sourceTopic}${entry.eventId ? ` (${entry.eventId})` : ''}`,
  )
  lines.push(`${outcome.replayed.length} replayed, ${outcome.alreadyReplayed} already replayed before`)

  return lines.join('\n')
}

function describe(violation: Violation): string {
  const ids = Object.entries(violation.ids)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ')

  return ids ? `${violation.message} [${ids}]` : violation.message
}

function summary(statuses: number[]): string {
  return statuses.join(',')
}
