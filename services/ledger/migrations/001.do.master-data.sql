-- Master data the ledger owns. Nothing is ever deleted: an entity is deactivated (active = false,
-- deactivated_at set) and may be reactivated (effective_from restarts). `version` grows with every
-- change and travels in the entity's master-data event, so a reader of the compacted topic can
-- ignore an older state that arrives after a newer one.

create table clients (
  id uuid primary key,
  name text not null check (length(btrim(name)) between 1 and 200),
  active boolean not null default true,
  effective_from timestamptz not null,
  deactivated_at timestamptz,
  version bigint not null default 1 check (version > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint clients_lifecycle_check check (active = (deactivated_at is null))
);
create unique index clients_name_key on clients (lower(name));

create table sites (
  id uuid primary key,
  code text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$'),
  name text not null check (length(btrim(name)) between 1 and 200),
  client_id uuid not null constraint sites_client_fkey references clients (id),
  active boolean not null default true,
  effective_from timestamptz not null,
  deactivated_at timestamptz,
  version bigint not null default 1 check (version > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint sites_lifecycle_check check (active = (deactivated_at is null))
);
create unique index sites_code_key on sites (upper(code));
create index sites_client_idx on sites (client_id);

create table vendor_types (
  id uuid primary key,
  name text not null check (length(btrim(name)) between 1 and 200),
  active boolean not null default true,
  effective_from timestamptz not null,
  deactivated_at timestamptz,
  version bigint not null default 1 check (version > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint vendor_types_lifecycle_check check (active = (deactivated_at is null))
);
create unique index vendor_types_name_key on vendor_types (lower(name));

-- Vendor and subcontractor names identify a payee on requests and statements, so they are unique too.
create table vendors (
  id uuid primary key,
  name text not null check (length(btrim(name)) between 1 and 200),
  vendor_type_id uuid not null constraint vendors_vendor_type_fkey references vendor_types (id),
  active boolean not null default true,
  effective_from timestamptz not null,
  deactivated_at timestamptz,
  version bigint not null default 1 check (version > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint vendors_lifecycle_check check (active = (deactivated_at is null))
);
create unique index vendors_name_key on vendors (lower(name));
create index vendors_vendor_type_idx on vendors (vendor_type_id);

create table subcontractor_scopes (
  id uuid primary key,
  name text not null check (length(btrim(name)) between 1 and 200),
  active boolean not null default true,
  effective_from timestamptz not null,
  deactivated_at timestamptz,
  version bigint not null default 1 check (version > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint subcontractor_scopes_lifecycle_check check (active = (deactivated_at is null))
);
create unique index subcontractor_scopes_name_key on subcontractor_scopes (lower(name));

create table subcontractors (
  id uuid primary key,
  name text not null check (length(btrim(name)) between 1 and 200),
  scope_id uuid not null constraint subcontractors_scope_fkey references subcontractor_scopes (id),
  assigned_site_id uuid constraint subcontractors_assigned_site_fkey references sites (id),
  active boolean not null default true,
  effective_from timestamptz not null,
  deactivated_at timestamptz,
  version bigint not null default 1 check (version > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint subcontractors_lifecycle_check check (active = (deactivated_at is null))
);
create unique index subcontractors_name_key on subcontractors (lower(name));
create index subcontractors_scope_idx on subcontractors (scope_id);
create index subcontractors_assigned_site_idx on subcontractors (assigned_site_id);

-- Master data is never deleted: history (journal postings, request snapshots) refers to it.
create function refuse_master_data_delete() returns trigger
language plpgsql as $$
begin
  raise exception 'master data is deactivated, never deleted (%)', tg_table_name
    using errcode = 'restrict_violation';
end
$$;

create trigger clients_no_delete before delete on clients
  for each row execute function refuse_master_data_delete();
create trigger sites_no_delete before delete on sites
  for each row execute function refuse_master_data_delete();
create trigger vendor_types_no_delete before delete on vendor_types
  for each row execute function refuse_master_data_delete();
create trigger vendors_no_delete before delete on vendors
  for each row execute function refuse_master_data_delete();
create trigger subcontractor_scopes_no_delete before delete on subcontractor_scopes
  for each row execute function refuse_master_data_delete();
create trigger subcontractors_no_delete before delete on subcontractors
  for each row execute function refuse_master_data_delete();
