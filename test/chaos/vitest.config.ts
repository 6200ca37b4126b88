import { fileURLToPath } from 'node:url'

import { defineConfig } from 'vitest/config'

/**
 * The chaos suite, apart from the main one: it restarts the shared Kafka broker and Postgres
 * cluster, so it runs alone: `pnpm exec vitest run --config test/chaos/vitest.config.ts`.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/chaos/**/*.test.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 600_000,
    hookTimeout: 180_000,
    allowOnly: false,
  },
})
