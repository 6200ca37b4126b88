-- Statement-of-account documents of a request: uploaded ones while it is DRAFT and the one
-- generated for its batch on completion. Versions count 1, 2, 3… per request.
create table soa_documents (
  request_id uuid not null references payment_requests (id),
  version integer not null constraint soa_documents_version_check check (version > 0),
  source text not null constraint soa_documents_source_check check (source in ('UPLOAD', 'GENERATED')),
  file_name text not null
    constraint soa_documents_file_name_check
    check (length(file_name) between 1 and 200 and file_name !~ '[/\\[:cntrl:]]' and file_name !~ '^\.'),
  content_type text not null
    constraint soa_documents_content_type_check
    check (content_type in ('application/pdf', 'image/png', 'image/jpeg')),
  size bigint not null constraint soa_documents_size_check check (size > 0),
  sha256 text not null constraint soa_documents_sha256_check check (sha256 ~ '^[0-9a-f]{64}$'),
  -- Where the storage keeps the bytes; content-addressed, so equal files share one blob.
  storage_key text not null,
  uploaded_by uuid,
  uploaded_at timestamptz not null default now(),
  primary key (request_id, version),
  constraint soa_documents_uploaded_by_check check ((uploaded_by is not null) = (source = 'UPLOAD'))
);

-- Rendering the batch SOA is slow and touches the storage, so completing a batch only records
-- this job in its transaction; a background task renders it and marks it done in the transaction
-- that adds the documents, so a crash neither loses the SOA nor adds it twice.
create table soa_render_jobs (
  batch_id uuid primary key references batches (id),
  -- The generated documents' events continue the story of the event that completed the batch.
  correlation_id text,
  causation_id uuid,
  created_at timestamptz not null default now(),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  done_at timestamptz
);

create index soa_render_jobs_pending_idx on soa_render_jobs (next_attempt_at) where done_at is null;
