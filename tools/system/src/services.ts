/** The five services in start order: the gateway last, once what it forwards to is up. */
export const serviceNames = ['ledger', 'request', 'approval', 'audit', 'gateway'] as const
export type ServiceName = (typeof serviceNames)[number]

export const defaultPorts: Record<ServiceName, number> = {
  gateway: 8080,
  request: 8081,
  approval: 8082,
  ledger: 8083,
  audit: 8084,
}
