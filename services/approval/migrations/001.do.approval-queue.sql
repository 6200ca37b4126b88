-- Dual-control policy: a request whose total is at or above the threshold of its currency needs two
-- approvals by two different approvers. A currency without a row needs one approval.
create table approval_policies (
  currency text not null,
  threshold bigint not null,
  version bigint not null default 1,
  -- null when the row was seeded from configuration rather than set by an admin
  updated_by uuid,
  updated_at timestamptz not null default now(),
  constraint approval_policies_pkey primary key (currency),
  constraint approval_policies_currency_check check (currency ~ '^[A-Z]{3}$'),
  constraint approval_policies_threshold_check check (threshold >= 0)
);

-- Batches the request service reported cancelled. Kept apart from the items because a cancellation
-- may arrive before the RequestSubmitted events of its batch (different Kafka keys, no ordering).
create table cancelled_batches (
  batch_id uuid not null,
  cancelled_at timestamptz not null,
  constraint cancelled_batches_pkey primary key (batch_id)
);

-- One row per submitted request: the snapshot RequestSubmitted carried, and the policy fixed when it
-- was queued. The request id is the key, so a redelivered or re-sent RequestSubmitted adds nothing.
create table approval_items (
  request_id uuid not null,
  -- arrival order: the queue lists oldest first and pages on it
  queue_seq bigint generated always as identity,
  batch_id uuid not null,
  created_by uuid not null,
  kind text not null,
  payee_name text not null,
  beneficiary_name text,
  beneficiary_account text,
  purpose text,
  entity_type text,
  vendor_id uuid,
  subcontractor_id uuid,
  site_id uuid,
  site_code text,
  extra_reason text,
  base_amount bigint not null,
  extra_amount bigint not null,
  total_amount bigint not null,
  currency text not null,
  required_approvals smallint not null,
  policy_threshold bigint,
  status text not null default 'PENDING',
  version bigint not null default 1,
  queued_at timestamptz not null default now(),
  closed_at timestamptz,
  constraint approval_items_pkey primary key (request_id),
  constraint approval_items_queue_seq_key unique (queue_seq),
  constraint approval_items_currency_check check (currency ~ '^[A-Z]{3}$'),
  constraint approval_items_total_check check (total_amount = base_amount + extra_amount),
  constraint approval_items_amounts_check check (base_amount >= 0 and extra_amount >= 0),
  constraint approval_items_required_check check (required_approvals in (1, 2)),
  constraint approval_items_status_check check (status in ('PENDING', 'APPROVED', 'REJECTED', 'CLOSED')),
  constraint approval_items_closed_check check ((status = 'CLOSED') = (closed_at is not null))
);

create index approval_items_pending_idx on approval_items (queue_seq) where status = 'PENDING';
create index approval_items_batch_idx on approval_items (batch_id);

-- Every approver's say on a request, approve or reject; one each.
create table approval_votes (
  id bigint generated always as identity,
  request_id uuid not null,
  approver_id uuid not null,
  decision text not null,
  comment text,
  voted_at timestamptz not null,
  constraint approval_votes_pkey primary key (id),
  constraint approval_votes_request_fkey foreign key (request_id) references approval_items (request_id),
  constraint approval_votes_one_per_approver unique (request_id, approver_id),
  constraint approval_votes_decision_check check (decision in ('APPROVE', 'REJECT')),
  constraint approval_votes_reject_comment_check check (decision = 'APPROVE' or comment is not null)
);

-- The final decision. At most one per request, whatever races the application lets through.
create table approval_records (
  request_id uuid not null,
  outcome text not null,
  decided_by uuid not null,
  comment text,
  required_approvals smallint not null,
  policy_threshold bigint,
  decided_at timestamptz not null,
  constraint approval_records_one_per_request primary key (request_id),
  constraint approval_records_request_fkey foreign key (request_id) references approval_items (request_id),
  constraint approval_records_outcome_check check (outcome in ('APPROVED', 'REJECTED')),
  constraint approval_records_reject_comment_check check (outcome = 'APPROVED' or comment is not null)
);
