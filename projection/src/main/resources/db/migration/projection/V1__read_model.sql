-- The read model of the lifecycle topic. Written only by the projection service; read by the ingest-api
-- (generation) and by analysts. Column names are a contract: see projection/README.md.
-- Names are not schema-qualified: Flyway migrates the schema it is pointed at (projection, or projection_rebuild
-- during a rebuild), with that schema as the search_path.

create table generation (
    id                 uuid primary key,
    owner              text,
    model              text,
    prompt             text,
    parameters         jsonb,
    status             text        not null default 'queued'
        check (status in ('queued', 'processing', 'downloading', 'completed', 'failed', 'cancelled')),
    progress           int         not null default 0 check (progress between 0 and 100),
    prediction_id      text,
    attempts           int         not null default 0 check (attempts >= 0),
    error_stage        text check (error_stage in ('GENERATE', 'DOWNLOAD')),
    error_class        text,
    error_message      text,
    cancel_reason      text,
    images             jsonb       not null default '[]',
    requested_at       timestamptz,
    started_at         timestamptz,
    attempt_started_at timestamptz,
    generated_at       timestamptz,
    completed_at       timestamptz,
    failed_at          timestamptz,
    cancelled_at       timestamptz,
    last_event_at      timestamptz,
    updated_at         timestamptz not null default now()
);

create index generation_status_updated_at on generation (status, updated_at);
create index generation_owner_newest_first on generation (owner, requested_at desc, id desc);

-- The processed-events log: one row per event id; a second delivery finds its row and is not applied again.
create table generation_event (
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

create index generation_event_history on generation_event (generation_id, occurred_at);

-- One row per DeadLettered event, for the dead-letter summary and the ops CLI.
create table dead_letter (
    event_id          uuid primary key,
    generation_id     uuid        not null,
    stage             text        not null check (stage in ('GENERATE', 'DOWNLOAD')),
    dead_letter_topic text        not null,
    error_class       text        not null,
    message           text        not null,
    attempts          int         not null,
    occurred_at       timestamptz not null,
    recorded_at       timestamptz not null,
    resolved_at       timestamptz,
    resolution        text,
    replay_count      int         not null default 0
);

create index dead_letter_generation on dead_letter (generation_id);
create index dead_letter_unresolved on dead_letter (occurred_at) where resolved_at is null;
