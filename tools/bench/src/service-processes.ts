import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { basename } from 'node:path'

import { serviceNames, type ServiceName } from '@pay/system'

/**
 * The pids of the services this process started: startSystem spawns each one as a direct child
 * with its working directory in `services/<name>`, so the parent pid and the cwd name them.
 */
export function findServicePids(parentPid = process.pid): Map<ServiceName, number> {
  const found = new Map<ServiceName, number>()

  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue
    }

    const pid = Number(entry)
    const service = serviceOf(pid, parentPid)
    if (service !== undefined) {
      found.set(service, pid)
    }
  }

  return found
}

function serviceOf(pid: number, parentPid: number): ServiceName | undefined {
  try {
    // The command name in /proc/<pid>/stat is in parentheses and may hold spaces: split after it.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    if (ppid !== parentPid) {
      return undefined
    }

    const name = basename(readlinkSync(`/proc/${pid}/cwd`))
    return (serviceNames as readonly string[]).includes(name) ? (name as ServiceName) : undefined
  } catch {
    // The process ended between the listing and the read.
    return undefined
  }
}

export interface MemoryReading {
  rssKiB: number
  hwmKiB: number
}

/** VmRSS (resident now) and VmHWM (the kernel's own peak of it) of one process, in KiB. */
export function readMemory(pid: number): MemoryReading | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0)

    return { rssKiB: field('VmRSS'), hwmKiB: field('VmHWM') }
  } catch {
    return undefined
  }
}
