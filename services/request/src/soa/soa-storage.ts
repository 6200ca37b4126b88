import type { Readable } from 'node:stream'

/**
 * Where SOA bytes live. Keys are content addresses (the sha256 of the bytes), so storing the same
 * file twice is harmless and a key never points at changed content.
 */
export interface SoaStorage {
  /** Stores the bytes under their key; a key that already exists is left as it is. */
  put(key: string, bytes: Buffer): Promise<void>
  /** The bytes of a key, or undefined when nothing is stored under it. */
  open(key: string): Promise<Readable | undefined>
}
