-- Events waiting to be published. A row is written in the same transaction as the state change
-- it describes; the relay publishes rows in id order and stamps published_at.
create table outbox (
  id bigint generated always as identity primary key,
  event_id uuid not null unique,
  event_type text not null,
  topic text not null,
  message_key text not null,
  payload bytea not null,
  headers jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  published_at timestamptz
);

create index outbox_unpublished_idx on outbox (id) where published_at is null;
create index outbox_published_at_idx on outbox (published_at) where published_at is not null;

-- One row per event a consumer has applied, written in the same transaction as the effect, so a
-- redelivered event finds its row and changes nothing.
create table processed_events (
  consumer text not null,
  event_id uuid not null,
  event_type text not null,
  topic text not null,
  kafka_partition integer not null,
  kafka_offset bigint not null,
  processed_at timestamptz not null default now(),
  primary key (consumer, event_id)
);
