-- The answer to a command, stored in the transaction that performed it: a retry with the same key
-- gets this answer back and performs nothing.
create table idempotency_keys (
  user_id text not null,
  route text not null,
  idempotency_key text not null,
  request_hash text not null,
  response_status integer not null,
  response_body text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (user_id, route, idempotency_key)
);

create index idempotency_keys_expires_at_idx on idempotency_keys (expires_at);
