-- The ledger's master data as this service last heard of it (from the compacted master-data
-- topic). Each event carries the entity's full state and version; an older version never
-- overwrites a newer one, so redeliveries and replays are harmless.
create table master_data_entities (
  entity_type text not null
    constraint master_data_entities_entity_type_check
    check (entity_type in ('CLIENT', 'SITE', 'VENDOR_TYPE', 'VENDOR', 'SUBCONTRACTOR_SCOPE', 'SUBCONTRACTOR')),
  entity_id uuid not null,
  name text not null,
  -- A site's code; null for the other kinds.
  code text,
  -- The client of a site, the type of a vendor, the scope of a subcontractor.
  parent_id uuid,
  -- Only subcontractors have one, and only some of them.
  assigned_site_id uuid,
  active boolean not null,
  version bigint not null,
  updated_at timestamptz not null default now(),
  primary key (entity_type, entity_id)
);
