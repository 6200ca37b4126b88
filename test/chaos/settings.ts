/** The size of a chaos run, from the environment; the defaults fit CI's budget of four minutes on two cores. */
export interface ChaosSettings {
  batches: number
  lanes: number
  requestsPerBatch: number
  /** Each client drops the first answer of every n-th command and asks again with the same key. */
  loseAnswerEvery: number
  /** `auto`: restart Kafka and Postgres unless another test run is using them. */
  infraRestarts: 'auto' | 'always' | 'never'
  /** How long a client retries one command, and a batch life waits for one propagation. */
  commandBoundMs: number
  propagationTimeoutMs: number
  recoveryTimeoutMs: number
  drainTimeoutMs: number
}

export function chaosSettings(env: NodeJS.ProcessEnv = process.env): ChaosSettings {
  const infraRestarts = env['CHAOS_INFRA_RESTARTS'] ?? 'auto'
  if (infraRestarts !== 'auto' && infraRestarts !== 'always' && infraRestarts !== 'never') {
    throw new Error(`CHAOS_INFRA_RESTARTS=${infraRestarts}: expected auto, always or never`)
  }

  return {
    batches: positive(env, 'CHAOS_BATCHES', 16),
    lanes: positive(env, 'CHAOS_LANES', 3),
    requestsPerBatch: positive(env, 'CHAOS_REQUESTS_PER_BATCH', 3),
    loseAnswerEvery: positive(env, 'CHAOS_LOSE_ANSWER_EVERY', 5),
    infraRestarts,
    commandBoundMs: 90_000,
    propagationTimeoutMs: 120_000,
    recoveryTimeoutMs: 90_000,
    drainTimeoutMs: 120_000,
  }
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]
  if (text === undefined || text === '') return fallback

  const value = Number(text)
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}=${text}: expected a positive integer`)

  return value
}
