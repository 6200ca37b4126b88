-- A double-entry journal of payables. Accounts hold every currency (balances are per account and
-- currency) except bank clearing accounts, of which there is one per currency. Amounts are integer
-- minor units of the posting's currency.

create table accounts (
  id uuid primary key,
  code text not null,
  name text not null,
  kind text not null check (kind in ('EXPENSE', 'PAYABLE', 'BANK_CLEARING')),
  owner_type text check (owner_type in ('SITE', 'VENDOR', 'SUBCONTRACTOR')),
  owner_id uuid,
  currency text check (currency ~ '^[A-Z]{3}$'),
  opened_at timestamptz not null default now(),
  constraint accounts_code_key unique (code),
  constraint accounts_owner_check check ((owner_type is null) = (owner_id is null)),
  constraint accounts_bank_currency_check check ((kind = 'BANK_CLEARING') = (currency is not null))
);
create unique index accounts_owner_key on accounts (kind, owner_type, owner_id) where owner_id is not null;

-- One accrual and at most one settlement per payment request, whatever the redeliveries: the
-- unique key (request_id, kind) is what the consumers' inserts rely on.
create table journal_entries (
  id uuid primary key,
  seq bigint generated always as identity,
  request_id uuid not null,
  kind text not null check (kind in ('ACCRUAL', 'SETTLEMENT')),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  description text not null,
  source_event_id uuid not null,
  posted_at timestamptz not null default now(),
  constraint journal_entries_seq_key unique (seq),
  constraint journal_entries_request_kind_key unique (request_id, kind),
  -- Target of the postings' (entry_id, currency) key, so a posting cannot carry another currency.
  constraint journal_entries_id_currency_key unique (id, currency)
);

create table postings (
  id bigint generated always as identity primary key,
  entry_id uuid not null,
  currency text not null,
  account_id uuid not null constraint postings_account_fkey references accounts (id),
  side text not null check (side in ('DEBIT', 'CREDIT')),
  amount bigint not null constraint postings_amount_check check (amount >= 0),
  constraint postings_entry_fkey foreign key (entry_id, currency) references journal_entries (id, currency)
);
create index postings_entry_idx on postings (entry_id);
create index postings_account_idx on postings (account_id, entry_id);

-- Balanced entries are a database guarantee, not a convention: at commit, every entry touched by
-- the transaction must have a debit and a credit, and its debits must equal its credits in each
-- currency. Deferred, so an entry and its postings can be inserted in any order within one transaction.
create function assert_entry_balanced(entry uuid) returns void
language plpgsql as $$
declare
  balanced boolean;
  two_sided boolean;
begin
  select coalesce(bool_and(net = 0), false), coalesce(bool_or(has_debit) and bool_or(has_credit), false)
    into balanced, two_sided
    from (select sum(case side when 'DEBIT' then amount else -amount end) as net,
                 bool_or(side = 'DEBIT') as has_debit,
                 bool_or(side = 'CREDIT') as has_credit
            from postings
           where entry_id = entry
           group by currency) as per_currency;

  if not two_sided then
    raise exception 'journal entry % needs at least one debit and one credit', entry
      using errcode = 'check_violation', constraint = 'journal_entries_balanced';
  end if;

  if not balanced then
    raise exception 'journal entry % is not balanced in every currency', entry
      using errcode = 'check_violation', constraint = 'journal_entries_balanced';
  end if;
end
$$;

create function check_entry_balanced() returns trigger
language plpgsql as $$
begin
  if tg_table_name = 'journal_entries' then
    perform assert_entry_balanced(new.id);
  else
    perform assert_entry_balanced(new.entry_id);
  end if;
  return null;
end
$$;

create constraint trigger journal_entries_balanced after insert on journal_entries
  deferrable initially deferred for each row execute function check_entry_balanced();
create constraint trigger postings_balanced after insert on postings
  deferrable initially deferred for each row execute function check_entry_balanced();

-- A bank clearing account holds one currency only.
create function check_posting_currency() returns trigger
language plpgsql as $$
begin
  if exists (select 1 from accounts
              where id = new.account_id and currency is not null and currency <> new.currency) then
    raise exception 'account % does not hold %', new.account_id, new.currency
      using errcode = 'check_violation', constraint = 'postings_account_currency_check';
  end if;
  return new;
end
$$;

create trigger postings_account_currency before insert on postings
  for each row execute function check_posting_currency();

-- Posted history is immutable: a correction is a new entry, never an edit.
create function refuse_journal_change() returns trigger
language plpgsql as $$
begin
  raise exception '% rows are immutable', tg_table_name
    using errcode = 'restrict_violation';
end
$$;

create trigger journal_entries_immutable before update or delete on journal_entries
  for each row execute function refuse_journal_change();
create trigger journal_entries_no_truncate before truncate on journal_entries
  for each statement execute function refuse_journal_change();
create trigger postings_immutable before update or delete on postings
  for each row execute function refuse_journal_change();
create trigger postings_no_truncate before truncate on postings
  for each statement execute function refuse_journal_change();

-- An account keeps its identity forever; only its display name follows its owner's renames.
create function refuse_account_change() returns trigger
language plpgsql as $$
begin
  if tg_op = 'UPDATE' and (to_jsonb(new) - 'name') = (to_jsonb(old) - 'name') then
    return new;
  end if;
  raise exception 'accounts are never deleted and only renamed'
    using errcode = 'restrict_violation';
end
$$;

create trigger accounts_immutable before update or delete on accounts
  for each row execute function refuse_account_change();
create trigger accounts_no_truncate before truncate on accounts
  for each statement execute function refuse_journal_change();

-- A payment whose accrual has not been posted yet (the paid and approved events travel on
-- different topics, so they can arrive in either order). The row waits here until the accrual
-- posts; the settlement and the row's removal commit together.
create table parked_settlements (
  request_id uuid primary key,
  source_event_id uuid not null,
  correlation_id text,
  payee_type text not null check (payee_type in ('VENDOR', 'SUBCONTRACTOR', 'LEGACY')),
  payee_id uuid,
  payee_name text not null,
  site_id uuid,
  site_code text,
  amount bigint not null check (amount >= 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  parked_at timestamptz not null default now(),
  constraint parked_settlements_payee_check check ((payee_type = 'LEGACY') = (payee_id is null))
);
create index parked_settlements_parked_at_idx on parked_settlements (parked_at);
