/** Where a request came from, for rate limits and security events. */
export interface ClientInfo {
  ip: string
  userAgent: string | null
  requestId: string
}
