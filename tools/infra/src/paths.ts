import { join, resolve } from 'node:path'

/** The checkout's root, found from this file so that nothing depends on the working directory. */
export const repoRoot = resolve(import.meta.dirname, '..', '..', '..')

/** Everything the infra tooling writes lives here; git ignores it. */
export const localDir = join(repoRoot, '.local')

export const infraDir = join(localDir, 'infra')
export const stateFile = join(infraDir, 'state.json')
