import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'libs/*/test/**/*.test.ts',
      'contracts/test/**/*.test.ts',
      'services/*/test/**/*.test.ts',
      'tools/*/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // The chaos suite restarts Kafka and Postgres: it runs alone, after this one (`./dev chaos`).
    exclude: [...configDefaults.exclude, 'test/chaos/**'],
    globalSetup: ['test/setup/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    allowOnly: false,
  },
})
