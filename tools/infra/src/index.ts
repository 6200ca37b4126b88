export { ensureInfra, releaseInfra, restartInfra, stopInfra, infraStatus } from './state.ts'
export type { EnsuredInfra, EnsureOptions, InfraEndpoints, InfraPart, InfraStatus } from './state.ts'
export {
  provisionServiceDatabase,
  dropServiceDatabase,
  provisionSchemaOwner,
  dropSchemaOwner,
} from './service-database.ts'
export type { ServiceDatabase, SchemaOwner } from './service-database.ts'
export { databaseName } from './postgres.ts'
export { defaultKafkaVersion } from './kafka.ts'
export { printReport, silentReport } from './report.ts'
export type { Report } from './report.ts'
export { stateFile } from './paths.ts'
