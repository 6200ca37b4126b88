import { readFileSync } from 'node:fs'

import { restartInfra, stateFile, type InfraPart } from '@pay/infra'
import { serviceNames, type ServiceName } from '@pay/system'
import { waitFor } from '@pay/testkit'

import type { ChaosSystem } from './chaos-system.ts'

export type Fault = { kind: 'kill'; service: ServiceName } | { kind: 'restart'; part: InfraPart }

export interface FaultOutcome {
  fault: string
  /** From the fault to every service answering `/readyz` again. */
  recoveryMs: number
}

export function describeFault(fault: Fault): string {
  return fault.kind === 'kill' ? `SIGKILL ${fault.service}` : `restart ${fault.part}`
}

/**
 * Every service once, the broker and the cluster once each, spread so that the infrastructure
 * restarts fall between service crashes rather than at the end.
 */
export function faultPlan(infraRestarts: boolean): Fault[] {
  const kill = (service: ServiceName): Fault => ({ kind: 'kill', service })
  const restart = (part: InfraPart): Fault => ({ kind: 'restart', part })
  const plan = [
    kill('request'),
    kill('approval'),
    restart('kafka'),
    kill('ledger'),
    kill('gateway'),
    restart('postgres'),
    kill('audit'),
  ]

  return infraRestarts ? plan : plan.filter((fault) => fault.kind === 'kill')
}

/** Strikes one fault and waits until every service says it is ready again. */
export async function strike(
  fault: Fault,
  chaos: ChaosSystem,
  recoveryTimeoutMs: number,
): Promise<FaultOutcome> {
  const started = performance.now()
  if (fault.kind === 'kill') {
    await chaos.system.kill(fault.service)
    await chaos.system.start(fault.service)
  } else {
    await restartInfra(fault.part, { report: (line) => console.log(`chaos: ${line}`) })
  }

  await waitFor(async () => (await unready(chaos)).length === 0, {
    timeoutMs: recoveryTimeoutMs,
    intervalMs: 250,
    message: `after ${describeFault(fault)} some services never became ready again`,
  }).catch(async (error: unknown) => {
    const down = await unready(chaos)
    const tails = down.map((service) => `--- ${service}\n${chaos.logTail(service)}`).join('\n')
    throw new Error(`${String(error)}: ${down.join(', ')}\n${tails}`)
  })

  return { fault: describeFault(fault), recoveryMs: Math.round(performance.now() - started) }
}

async function unready(chaos: ChaosSystem): Promise<ServiceName[]> {
  const answers = await Promise.all(
    serviceNames.map(async (service) => {
      const ready = await fetch(`${chaos.system.urls[service]}/readyz`, {
        signal: AbortSignal.timeout(2_000),
      })
        .then((response) => response.ok)
        .catch(() => false)

      return ready ? undefined : service
    }),
  )

  return answers.filter((service) => service !== undefined)
}

/**
 * Other test runs (colleagues' on a shared machine) hold leases on the same broker and cluster: a
 * restart would break their tests. CI runs the chaos suite alone, so there it always restarts.
 */
export function otherInfraUsers(): number[] {
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { leases?: number[] }

  return (state.leases ?? []).filter((pid) => pid !== process.ppid && pid !== process.pid && alive(pid))
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
