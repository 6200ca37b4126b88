/**
 * What each environment variable means, for the operations guide, when its schema carries no
 * `.describe()`. Keyed by variable name: a name means the same in every service that reads it.
 * A test fails when a service reads a variable missing here, and when an entry names a variable
 * no service reads any more.
 */
export const variableDescriptions: Record<string, string> = {
  // Every service
  HOST: 'Address the HTTP server binds to; `0.0.0.0` in containers.',
  PORT: 'Port of the HTTP server: the API, `/healthz`, `/readyz` and `/metrics`.',
  LOG_LEVEL: 'Lowest pino level written to stdout.',
  DATABASE_URL: "`postgres://` URL of the service's own role; it holds that role's password.",
  DATABASE_SCHEMA:
    'The schema the service owns and migrates (lowercase SQL identifier); every connection uses it as ' +
    "`search_path`, and it names the outbox relay's leader lock.",
  DATABASE_POOL_SIZE:
    'Postgres connections per process; the leading outbox relay keeps one of them for as long as it leads.',
  KAFKA_BROKERS: 'Comma-separated `host:port` list of Kafka bootstrap brokers.',
  KAFKA_TOPIC_PREFIX:
    'Prepended to every topic, consumer group and dead-letter topic, so several environments can share ' +
    'one cluster (lowercase letters, digits, `.`, `-`, `_`).',
  INTERNAL_TOKEN_SECRET:
    'HS256 key of the short-lived internal tokens the gateway signs and the services verify; the same ' +
    'value in all five services, at least 32 bytes.',
  IDEMPOTENCY_TTL_HOURS: 'How long an `Idempotency-Key` and the response it answered are kept.',
  TRUST_PROXY:
    'Take the client address and protocol from `X-Forwarded-*`: set it behind a proxy or load balancer.',

  // gateway
  JWT_SECRET:
    "HS256 key of users' access tokens, at least 32 bytes and different from `INTERNAL_TOKEN_SECRET`; it " +
    'also keys the HMAC that stands for passwords in stored idempotency fingerprints.',
  JWT_ISSUER: '`iss` claim of access tokens, checked on every request.',
  JWT_AUDIENCE: '`aud` claim of access tokens, checked on every request.',
  ACCESS_TOKEN_TTL_SECONDS: 'Lifetime of an access token.',
  REFRESH_TOKEN_TTL_SECONDS:
    'Lifetime of a refresh token; each refresh issues a successor with a new lifetime.',
  ADMIN_USERNAME: 'The first administrator, created at start-up while no user has the role `ADMIN`.',
  ADMIN_PASSWORD:
    "That administrator's password; it must pass the password policy. Unset: a one-time password is " +
    'generated and logged once at `warn`.',
  PASSWORD_SCRYPT_LOG_N:
    "log2 of scrypt's cost N for new password hashes; an older hash is replaced at the next successful login.",
  LOGIN_WINDOW_SECONDS: 'Fixed window of the failed-login counters.',
  LOGIN_MAX_FAILURES_PER_ACCOUNT: 'Failed logins of one account within a window before logins answer 429.',
  LOGIN_MAX_FAILURES_PER_ADDRESS: 'Failed logins from one client address within a window before 429.',
  MUTATIONS_PER_MINUTE: 'Mutations per user per minute, counted in memory by each gateway replica.',
  CORS_ORIGINS: 'Comma-separated origins allowed by CORS. Unset: no CORS headers, same-origin use only.',
  REQUEST_SERVICE_URL: 'Base URL of the request service.',
  APPROVAL_SERVICE_URL: 'Base URL of the approval service.',
  LEDGER_SERVICE_URL: 'Base URL of the ledger service.',
  AUDIT_SERVICE_URL: 'Base URL of the audit service.',
  UPSTREAM_TIMEOUT_MS: "How long the gateway waits for a service's answer before answering 504.",
  UPSTREAM_CONNECTIONS: 'Pooled connections from the gateway to each service.',
  JSON_BODY_MAX_BYTES: 'Largest JSON body the gateway forwards (413 beyond).',
  SOA_UPLOAD_MAX_BYTES:
    'Largest SOA upload the gateway forwards, plus 64 KiB of multipart framing (413 beyond); keep it in ' +
    "line with the request service's `SOA_MAX_BYTES`.",
  OPENAPI_CACHE_SECONDS:
    'How long the assembled `/api/v1/openapi.json` is cached (5 s while a service document is missing).',

  // request
  SOA_STORAGE_DIR:
    'Directory of the SOA files, uploaded and generated; a relative path resolves against the working ' +
    'directory. Every replica must see the same directory.',
  SOA_MAX_BYTES: 'Largest SOA upload the request service accepts (413 beyond).',
  SOA_RENDER_POLL_MS: 'Pause of the batch-SOA renderer while no completed batch waits for its SOA.',

  // approval
  DUAL_CONTROL_THRESHOLDS:
    'Comma-separated `CURRENCY=amount` dual-control thresholds, seeded at start-up for currencies that ' +
    'have no policy yet; a threshold an admin set through the API wins.',

  // ledger
  PARKED_SETTLEMENT_RETRY_MS: 'How often payments that arrived before their approval are retried.',
  PARKED_SETTLEMENT_WARN_AFTER_MS:
    'A payment parked longer than this is logged at `warn`: its approval may have been lost.',

  // audit
  AUDIT_VERIFY_PAGE_SIZE: 'Rows `GET /audit/verify` reads per query.',
}

/** The schema's own description first, this table's otherwise. */
export function descriptionOf(name: string, fromSchema: string | undefined): string | undefined {
  return fromSchema ?? variableDescriptions[name]
}
