-- The audit trail: one row per event of every product topic. Rows are only ever inserted; each
-- carries `hash = sha256(prev_hash || canonical row)` (the canonical row is defined in
-- src/domain/hash-chain.ts and README.md), so a change made behind the service's back shows up
-- when the chain is verified.
create table audit_log (
  -- 1, 2, 3… without gaps: assigned under a lock by the single writer of the moment.
  sequence bigint primary key constraint audit_log_sequence_positive check (sequence > 0),
  event_id uuid not null constraint audit_log_event_id_key unique,
  event_type text not null,
  entity_type text not null,
  entity_id text not null,
  entity_version bigint not null,
  actor_id text,
  correlation_id text,
  causation_id text,
  trace_id text,
  -- json, not jsonb: kept exactly as written, and able to hold every string an event can carry
  -- (jsonb refuses \u0000).
  previous_state json,
  new_state json,
  occurred_at timestamptz not null,
  recorded_at timestamptz not null,
  source_topic text not null,
  source_partition integer not null,
  source_offset bigint not null,
  payload json not null,
  -- Unique: two rows claiming the same predecessor would fork the chain.
  prev_hash text not null constraint audit_log_prev_hash_key unique,
  hash text not null,
  constraint audit_log_hash_format check (prev_hash ~ '^[0-9a-f]{64}$' and hash ~ '^[0-9a-f]{64}$'),
  -- The canonical row has millisecond times; finer ones could change unseen by the hash.
  constraint audit_log_whole_milliseconds check (
    mod(extract(microseconds from occurred_at), 1000) = 0
    and mod(extract(microseconds from recorded_at), 1000) = 0
  )
);

-- Every list is newest first: (occurred_at, sequence) descending, behind the filter it serves.
create index audit_log_entity_idx on audit_log (entity_id, occurred_at desc, sequence desc);
create index audit_log_actor_idx on audit_log (actor_id, occurred_at desc, sequence desc);
create index audit_log_event_type_idx on audit_log (event_type, occurred_at desc, sequence desc);
create index audit_log_occurred_at_idx on audit_log (occurred_at desc, sequence desc);

create function audit_log_refuse_change() returns trigger
language plpgsql as $$
begin
  raise exception 'the audit log is append-only: % is refused', tg_op
    using errcode = 'prohibited_sql_statement_attempted';
end;
$$;

-- Statement level, so even an UPDATE or DELETE that matches no row is refused.
create trigger audit_log_append_only
  before update or delete or truncate on audit_log
  for each statement execute function audit_log_refuse_change();

-- The service role owns its schema, hence this table; it gives up the right to change rows, so a
-- change needs both a deliberate GRANT and disabling the trigger. Only a separate owner role
-- (provisioned outside the service) would take even that away from it.
revoke update, delete, truncate on audit_log from public;
revoke update, delete, truncate on audit_log from current_user;
