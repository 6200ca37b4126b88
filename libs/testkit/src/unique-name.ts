import { randomBytes } from 'node:crypto'

let counter = 0

/**
 * A name no other test (in this run or a parallel one) will pick, valid unquoted as a Postgres
 * identifier and as a Kafka topic: lowercase letters, digits and underscores, at most 50 characters
 * so that suffixes such as `_svc` still fit Postgres's 63.
 */
export function uniqueName(prefix: string): string {
  counter += 1
  const cleaned = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
  const start = /^[a-z]/.test(cleaned) ? cleaned : `t_${cleaned}`
  const suffix = `${process.pid.toString(36)}${counter.toString(36)}${randomBytes(3).toString('hex')}`

  return `${start.slice(0, 49 - suffix.length).replace(/_+$/, '')}_${suffix}`
}
