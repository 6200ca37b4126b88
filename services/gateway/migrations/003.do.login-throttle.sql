-- Login attempts per account and per client address over a fixed window, shared by every
-- gateway replica.
create table login_throttle (
  bucket text primary key,
  window_started_at timestamptz not null,
  attempts integer not null,
  constraint login_throttle_attempts_positive check (attempts >= 0)
);

create index login_throttle_window_idx on login_throttle (window_started_at);
