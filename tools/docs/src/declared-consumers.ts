/**
 * The consumer groups a service declares, read by calling `consumers()` with a context whose
 * pool, Kafka client, logger and registry throw when touched: declaring consumers uses none of
 * them, so the guide can be generated without Postgres or Kafka.
 */
export function declaredConsumers<Consumer>(service: {
  name: string
  consumers?(context: never): Consumer[]
}): Consumer[] {
  const untouchable = (what: string) =>
    new Proxy(
      {},
      {
        get: (_target, key) => {
          throw new Error(
            `${service.name}: consumers() used ${what}.${String(key)} while declaring consumers`,
          )
        },
      },
    )
  const context = {
    name: service.name,
    config: new Proxy({}, { get: () => undefined }),
    logger: untouchable('logger'),
    pool: untouchable('pool'),
    kafka: untouchable('kafka'),
    registry: untouchable('registry'),
  }

  return service.consumers?.(context as never) ?? []
}
