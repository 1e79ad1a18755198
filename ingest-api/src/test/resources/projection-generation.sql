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

-- The projection's processed-events log, which the event streams replay from (same columns as the projection's).
create table if not exists projection.generation_event (
    event_id        uuid primary key,
    generation_id   uuid        not null,
    type            text        not null,
    occurred_at     timestamptz not null,
    payload         jsonb       not null,
    kafka_topic     text        not null,
    kafka_partition int         not null,
    kafka_offset    bigint      not null,
    recorded_at     timestamptz not null,
    refused_reason  text
);

create index if not exists generation_event_history on projection.generation_event (generation_id, occurred_at);
