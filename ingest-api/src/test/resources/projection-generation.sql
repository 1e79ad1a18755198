-- The projection module's read model as the ingest-api assumes it (that module owns and migrates it; this copy only
-- exists for the ingest-api's tests).
create schema if not exists projection;

create table if not exists projection.generation (
    id            uuid primary key,
    owner         text        not null,
    model         text        not null,
    prompt        text        not null,
    parameters    jsonb       not null,
    status        text        not null,
    progress      integer     not null default 0,
    prediction_id text,
    attempts      integer     not null default 0,
    error_stage   text,
    error_class   text,
    error_message text,
    images        jsonb       not null default '[]'::jsonb,
    requested_at  timestamptz not null,
    started_at    timestamptz,
    generated_at  timestamptz,
    completed_at  timestamptz,
    failed_at     timestamptz,
    cancelled_at  timestamptz,
    updated_at    timestamptz not null
);
