-- Every generation the API accepted: the ingest-api's own record of who asked for what, and when.
create table generation_request (
    id          uuid primary key,
    owner       text        not null,
    parameters  jsonb       not null,
    created_at  timestamptz not null
);

-- "my generations, newest first", paged by (created_at, id)
create index generation_request_owner_created_idx on generation_request (owner, created_at desc, id desc);

-- The transactional outbox: written in the same transaction as generation_request, deleted once the broker
-- acknowledged the record. One row per (event, topic): a GenerationRequested is two rows, generate and lifecycle.
create table outbox (
    id              bigserial primary key,
    generation_id   uuid        not null,
    topic           text        not null,
    event_type      text        not null,
    payload         bytea       not null,
    created_at      timestamptz not null default now(),
    attempts        integer     not null default 0,
    last_attempt_at timestamptz,
    last_error      text
);

-- the relay claims the oldest rows first
create index outbox_created_idx on outbox (created_at, id);
