-- Batches and payment requests. Every rule of the workflow that a row can check on its own is a
-- constraint here, so a bug in the service (or a hand-written insert) cannot store an impossible
-- state. Money is int8 minor units of `currency`.

create table batches (
  id uuid primary key,
  -- Keyset pagination order: exact and monotonic, unlike a timestamp.
  seq bigint generated always as identity unique,
  title text not null constraint batches_title_check check (length(btrim(title)) between 1 and 200),
  status text not null
    constraint batches_status_check
    check (status in ('DRAFT', 'SUBMITTED', 'PROCESSING', 'COMPLETED', 'CANCELLED')),
  created_by uuid not null,
  version bigint not null default 1 constraint batches_version_check check (version > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_at timestamptz,
  processing_started_at timestamptz,
  completed_at timestamptz,
  -- A batch is submitted exactly when it left DRAFT other than by cancellation.
  constraint batches_submitted_at_check
    check ((submitted_at is not null) = (status in ('SUBMITTED', 'PROCESSING', 'COMPLETED'))),
  constraint batches_processing_started_at_check
    check ((processing_started_at is not null) = (status in ('PROCESSING', 'COMPLETED'))),
  -- completed_at marks the end of the batch's life: COMPLETED or CANCELLED.
  constraint batches_completed_at_check
    check ((completed_at is not null) = (status in ('COMPLETED', 'CANCELLED')))
);

create index batches_created_by_seq_idx on batches (created_by, seq);
create index batches_status_seq_idx on batches (status, seq);

create table payment_requests (
  id uuid primary key,
  seq bigint generated always as identity unique,
  batch_id uuid not null references batches (id),
  kind text not null constraint payment_requests_kind_check check (kind in ('LEGACY', 'LEDGER')),
  status text not null
    constraint payment_requests_status_check
    check (status in ('DRAFT', 'SUBMITTED', 'PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'PAID')),
  currency text not null constraint payment_requests_currency_check check (currency ~ '^[A-Z]{3}$'),
  base_amount bigint not null constraint payment_requests_base_amount_check check (base_amount > 0),
  extra_amount bigint not null default 0
    constraint payment_requests_extra_amount_check check (extra_amount >= 0),
  total_amount bigint not null,
  extra_reason text,

  -- legacy: a free beneficiary
  beneficiary_name text,
  beneficiary_account text,
  purpose text,

  -- ledger-driven: a vendor or subcontractor from master data, with the names as they were
  entity_type text constraint payment_requests_entity_type_check check (entity_type in ('VENDOR', 'SUBCONTRACTOR')),
  vendor_id uuid,
  subcontractor_id uuid,
  entity_name text,
  site_id uuid,
  site_code text,

  created_by uuid not null,
  version bigint not null default 1 constraint payment_requests_version_check check (version > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_at timestamptz,
  decided_at timestamptz,
  decided_by uuid,
  decision_comment text,
  paid_at timestamptz,
  paid_by uuid,

  constraint payment_requests_total_amount_check check (total_amount = base_amount + extra_amount),
  constraint payment_requests_extra_reason_check
    check (extra_amount = 0 or length(btrim(coalesce(extra_reason, ''))) > 0),
  constraint payment_requests_legacy_check
    check (
      kind <> 'LEGACY' or (
        length(btrim(coalesce(beneficiary_name, ''))) > 0
        and length(btrim(coalesce(beneficiary_account, ''))) > 0
        and length(btrim(coalesce(purpose, ''))) > 0
        and extra_amount = 0 and extra_reason is null
        and entity_type is null and vendor_id is null and subcontractor_id is null
        and entity_name is null and site_id is null and site_code is null
      )
    ),
  constraint payment_requests_ledger_check
    check (
      kind <> 'LEDGER' or (
        entity_type is not null and site_id is not null
        and length(btrim(coalesce(entity_name, ''))) > 0
        and length(btrim(coalesce(site_code, ''))) > 0
        and beneficiary_name is null and beneficiary_account is null and purpose is null
      )
    ),
  constraint payment_requests_payee_check
    check (
      entity_type is null
      or (entity_type = 'VENDOR' and vendor_id is not null and subcontractor_id is null)
      or (entity_type = 'SUBCONTRACTOR' and subcontractor_id is not null and vendor_id is null)
    ),
  constraint payment_requests_submitted_at_check check ((submitted_at is not null) = (status <> 'DRAFT')),
  constraint payment_requests_decided_check
    check ((decided_at is not null and decided_by is not null) = (status in ('APPROVED', 'REJECTED', 'PAID'))),
  constraint payment_requests_paid_check
    check ((paid_at is not null and paid_by is not null) = (status = 'PAID'))
);

create index payment_requests_batch_id_idx on payment_requests (batch_id, id);
create index payment_requests_status_seq_idx on payment_requests (status, seq);
create index payment_requests_created_by_idx on payment_requests (created_by, seq);
