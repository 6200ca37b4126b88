import { inject } from 'vitest'

/** What the vitest global set-up hands every test: a superuser URL of database `payments` and the brokers. */
export interface Infra {
  databaseUrl: string
  kafkaBrokers: string[]
}

declare module 'vitest' {
  export interface ProvidedContext {
    infra: Infra
  }
}

export function infra(): Infra {
  const provided = inject('infra')
  if (!provided) {
    throw new Error(
      'no infra provided: run the tests through the root vitest.config.ts and its global set-up',
    )
  }

  return provided
}
