-- Rate limits need no table of their own: they count generation_request of the owner within the window (index
-- generation_request_owner_created_idx) under a per-user advisory lock, so what counts is exactly what was accepted.

-- Idempotency-Key of a submission, per owner: the hash of the canonical body and the generation it created.
-- A repeat within the lifetime answers the original response; the key is free again once expired.
create table idempotency_key (
    owner         text        not null,
    key           text        not null,
    request_hash  bytea       not null,
    generation_id uuid        not null,
    created_at    timestamptz not null default now(),
    expires_at    timestamptz not null,
    primary key (owner, key)
);

create index idempotency_key_expires_idx on idempotency_key (expires_at);

-- Single-use tickets for EventSource clients (which cannot send an Authorization header). Only the SHA-256 of
-- the ticket is stored; redeeming deletes the row.
create table stream_ticket (
    token_hash bytea       primary key,
    owner      text        not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null
);

create index stream_ticket_expires_idx on stream_ticket (expires_at);

-- Owners' cancellation requests: one GenerationCancelled per generation goes to the outbox, however often the
-- owner asks.
create table cancellation (
    generation_id uuid        primary key,
    owner         text        not null,
    requested_at  timestamptz not null
);
