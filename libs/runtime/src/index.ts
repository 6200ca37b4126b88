export {
  serviceConfigSchema,
  serviceConfigShape,
  withServiceConfig,
  type ServiceConfig,
} from './service-config.ts'
export type { ServiceContext } from './service-context.ts'
export {
  startService,
  type BackgroundTask,
  type ConsumerSpec,
  type RunningService,
  type ServiceDefinition,
  type StartOptions,
} from './start-service.ts'
export { idempotent, type IdempotentOptions } from './idempotent-route.ts'
