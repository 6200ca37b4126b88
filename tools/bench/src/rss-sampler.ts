import type { ServiceName } from '@pay/system'

import { findServicePids, readMemory } from './service-processes.ts'

export interface ServiceMemory {
  pid: number
  /** Highest VmRSS seen by sampling, during the phases after start-up. */
  peakSampledRssMiB: number
  /** The kernel's high-water mark of the resident set over the process's whole life. */
  peakHwmMiB: number
  /** VmRSS at the last sample. */
  lastRssMiB: number
  /** Peak sampled VmRSS per benchmark phase. */
  byPhase: Record<string, number>
}

/**
 * Samples the services' /proc status every `intervalMs` while the benchmark runs. VmHWM catches
 * peaks between samples (and the start-up, login hashing included); the sampled VmRSS shows what
 * each phase needed.
 */
export class RssSampler {
  readonly #intervalMs: number
  readonly #memory = new Map<ServiceName, ServiceMemory>()
  #phase = 'start-up'
  #timer: NodeJS.Timeout | undefined
  #pids = new Map<ServiceName, number>()

  constructor(intervalMs = 200) {
    this.#intervalMs = intervalMs
  }

  start(): void {
    this.#sample()
    this.#timer = setInterval(() => this.#sample(), this.#intervalMs)
    this.#timer.unref()
  }

  phase(name: string): void {
    this.#sample()
    this.#phase = name
  }

  stop(): Record<string, ServiceMemory> {
    this.#sample()
    clearInterval(this.#timer)

    return Object.fromEntries(this.#memory)
  }

  #sample(): void {
    // Scanning /proc costs more than reading five status files: only when a service is new or gone.
    if (this.#pids.size === 0 || [...this.#pids.values()].some((pid) => readMemory(pid) === undefined)) {
      this.#pids = findServicePids()
    }

    for (const [service, pid] of this.#pids) {
      const reading = readMemory(pid)
      if (reading === undefined) {
        continue
      }

      const rss = mib(reading.rssKiB)
      const known = this.#memory.get(service)
      const memory: ServiceMemory = known?.pid === pid ? known : newMemory(pid)
      memory.peakSampledRssMiB = Math.max(memory.peakSampledRssMiB, rss)
      memory.peakHwmMiB = Math.max(memory.peakHwmMiB, mib(reading.hwmKiB))
      memory.lastRssMiB = rss
      memory.byPhase[this.#phase] = Math.max(memory.byPhase[this.#phase] ?? 0, rss)
      this.#memory.set(service, memory)
    }
  }
}

function newMemory(pid: number): ServiceMemory {
  return { pid, peakSampledRssMiB: 0, peakHwmMiB: 0, lastRssMiB: 0, byPhase: {} }
}

function mib(kib: number): number {
  return Math.round((kib / 1024) * 10) / 10
}
