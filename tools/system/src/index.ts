export { startSystem, type RunningSystem, type SystemOptions } from './system.ts'
export { defaultPorts, serviceNames, type ServiceName } from './services.ts'
export { localSecrets, type SystemSecrets } from './secrets.ts'
export { ApiClient, type ApiResponse, type CallOptions } from './api-client.ts'
