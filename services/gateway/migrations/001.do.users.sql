create table users (
  id uuid primary key,
  -- Kept in lowercase so that uniqueness is case-insensitive.
  username text not null constraint users_username_key unique,
  display_name text not null,
  role text not null,
  active boolean not null default true,
  password_hash text not null,
  -- Raised when every token issued so far must stop working (deactivation).
  token_version integer not null default 0,
  version bigint not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint users_username_lowercase check (username = lower(username)),
  constraint users_role_known check (role in ('ADMIN', 'CREATOR', 'APPROVER', 'VIEWER'))
);

create index users_role_idx on users (role);
