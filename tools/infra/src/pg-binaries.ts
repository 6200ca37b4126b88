import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, realpathSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'

/** Debian installs each major version side by side here and puts only the clients on PATH. */
const debianLayout = '/usr/lib/postgresql'

/**
 * The folder holding initdb and pg_ctl: PG_BIN when set, else what pg_config reports, else the
 * folder of an initdb on PATH, else the newest version of the Debian layout.
 */
export function findPgBin(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env['PG_BIN'], fromPgConfig(), fromPath(), ...fromDebianLayout()]
  const found = candidates.find((dir) => dir !== undefined && hasServerTools(dir))
  if (!found) throw new Error('initdb and pg_ctl not found; set PG_BIN to the folder that holds them')

  return found
}

function hasServerTools(dir: string): boolean {
  return existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))
}

function fromPgConfig(): string | undefined {
  const result = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' })

  return result.status === 0 ? result.stdout.trim() : undefined
}

function fromPath(): string | undefined {
  const initdb = (process.env['PATH'] ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, 'initdb'))
    .find((path) => existsSync(path))

  return initdb ? dirname(realpathSync(initdb)) : undefined
}

function fromDebianLayout(): string[] {
  if (!existsSync(debianLayout)) return []

  return readdirSync(debianLayout)
    .filter((version) => /^\d+$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(debianLayout, version, 'bin'))
}
