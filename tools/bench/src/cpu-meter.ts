import { readdirSync, readFileSync } from 'node:fs'

type Owner = 'services' | 'bench' | 'postgres' | 'kafka' | 'other'

const owners: Owner[] = ['services', 'bench', 'postgres', 'kafka', 'other']

export interface PhaseCpu {
  seconds: number
  /** Average busy cores of the whole machine (from /proc/stat). */
  machineBusyCores: number
  /** Average cores used by each group of processes; "other" is whatever else ran on the machine. */
  cores: Record<Owner, number>
  /** Average cores used by each service. */
  serviceCores: Record<string, number>
}

interface Snapshot {
  at: number
  machineBusyTicks: number
  ticksByPid: Map<number, { owner: Owner; service?: string; ticks: number }>
}

export interface CpuMeterPids {
  services: () => Map<string, number>
  postmaster: number | undefined
  kafka: number | undefined
}

const TICKS_PER_SECOND = 100

/**
 * Where the machine's CPU went in each phase: the services, the benchmark process itself (load
 * generator), Postgres, Kafka, and everything else. On a shared machine "other" says how much the
 * figures were disturbed. One /proc scan per phase boundary; processes that ended inside a phase
 * are missed (pgbench's own connections, for instance, count as "other" or not at all).
 */
export class CpuMeter {
  readonly #pids: CpuMeterPids
  readonly #phases: Record<string, PhaseCpu> = {}
  #current: { name: string; snapshot: Snapshot } | undefined

  constructor(pids: CpuMeterPids) {
    this.#pids = pids
  }

  phase(name: string): void {
    const snapshot = this.#snapshot()
    this.#close(snapshot)
    this.#current = { name, snapshot }
  }

  stop(): Record<string, PhaseCpu> {
    this.#close(this.#snapshot())
    this.#current = undefined

    return this.#phases
  }

  #close(end: Snapshot): void {
    if (this.#current === undefined) {
      return
    }

    const start = this.#current.snapshot
    const seconds = (end.at - start.at) / 1000
    const cores = Object.fromEntries(owners.map((owner) => [owner, 0])) as Record<Owner, number>
    const serviceCores: Record<string, number> = {}
    for (const [pid, entry] of end.ticksByPid) {
      const before = start.ticksByPid.get(pid)?.ticks ?? 0
      const used = (entry.ticks - before) / TICKS_PER_SECOND / seconds
      cores[entry.owner] += used
      if (entry.service !== undefined) {
        serviceCores[entry.service] = round(used)
      }
    }
    const machineBusyCores = (end.machineBusyTicks - start.machineBusyTicks) / TICKS_PER_SECOND / seconds
    this.#phases[this.#current.name] = {
      seconds: round(seconds),
      machineBusyCores: round(machineBusyCores),
      cores: Object.fromEntries(owners.map((owner) => [owner, round(cores[owner])])) as Record<Owner, number>,
      serviceCores,
    }
  }

  #snapshot(): Snapshot {
    const services = new Map([...this.#pids.services()].map(([service, pid]) => [pid, service]))
    const ticksByPid: Snapshot['ticksByPid'] = new Map()

    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) {
        continue
      }

      const pid = Number(entry)
      const stat = readStat(pid)
      if (stat === undefined) {
        continue
      }

      const service = services.get(pid)
      const owner = service === undefined ? this.#ownerOf(pid, stat.ppid) : 'services'
      ticksByPid.set(pid, { owner, service, ticks: stat.ticks })
    }

    return { at: performance.now(), machineBusyTicks: machineBusyTicks(), ticksByPid }
  }

  #ownerOf(pid: number, ppid: number): Owner {
    if (pid === process.pid) return 'bench'
    if (pid === this.#pids.kafka) return 'kafka'
    if (pid === this.#pids.postmaster || ppid === this.#pids.postmaster) return 'postgres'

    return 'other'
  }
}

function readStat(pid: number): { ppid: number; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the parenthesised command name: state ppid … utime (14th field) stime (15th).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')

    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }
  } catch {
    return undefined
  }
}

function machineBusyTicks(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!
  // cpu user nice system idle iowait irq softirq steal: idle and iowait are not busy.
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number)

  return user! + nice! + system! + irq! + softirq! + steal!
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
