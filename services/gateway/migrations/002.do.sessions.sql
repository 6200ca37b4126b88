-- A login starts a family; every refresh replaces the family's current token with a new one.
-- Presenting a token that was already replaced means it leaked: the whole family is revoked.
create table refresh_token_families (
  id uuid primary key,
  user_id uuid not null references users (id),
  created_at timestamptz not null,
  revoked_at timestamptz,
  revoked_reason text,
  constraint refresh_token_families_reason_known
    check (revoked_reason in ('LOGOUT', 'REUSE', 'DEACTIVATED')),
  constraint refresh_token_families_revocation_complete
    check ((revoked_at is null) = (revoked_reason is null))
);

create index refresh_token_families_active_by_user_idx
  on refresh_token_families (user_id) where revoked_at is null;

create table refresh_tokens (
  -- SHA-256 of the token; the token itself is never stored.
  token_hash bytea primary key,
  family_id uuid not null references refresh_token_families (id) on delete cascade,
  issued_at timestamptz not null,
  expires_at timestamptz not null,
  -- Set when the token was exchanged for its successor.
  used_at timestamptz
);

create index refresh_tokens_family_idx on refresh_tokens (family_id);
create index refresh_tokens_expires_at_idx on refresh_tokens (expires_at);
