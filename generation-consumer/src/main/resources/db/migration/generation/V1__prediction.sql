-- One row per generation this stage has taken on: the provider prediction it created (at most one live one) and
-- where the poller stands with it. Written only by the generation-consumer.
CREATE TABLE prediction (
    generation_id uuid        PRIMARY KEY,
    owner         text        NOT NULL,
    provider      text        NOT NULL,
    model         text        NOT NULL,
    -- null only while 'creating': the create call is out and its answer not yet recorded
    prediction_id text,
    status        text        NOT NULL,
    -- identifies the create attempt that owns a 'creating' row; a late answer of a superseded attempt is refused
    create_token  uuid        NOT NULL,
    width         integer     NOT NULL,
    height        integer     NOT NULL,
    num_outputs   integer     NOT NULL,
    last_progress integer     NOT NULL DEFAULT 0,
    polls         integer     NOT NULL DEFAULT 0,
    poll_errors   integer     NOT NULL DEFAULT 0,
    last_error    text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    -- when the provider accepted the prediction; max-poll-duration counts from here
    started_at    timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    next_poll_at  timestamptz,
    lease_until   timestamptz,
    CONSTRAINT prediction_status_known
        CHECK (status IN ('creating', 'created', 'running', 'done', 'failed', 'canceled')),
    CONSTRAINT prediction_id_after_creating
        CHECK (status = 'creating' OR prediction_id IS NOT NULL),
    CONSTRAINT prediction_progress_percent
        CHECK (last_progress BETWEEN 0 AND 100)
);

-- the poller's claim: live predictions by due time
CREATE INDEX prediction_due ON prediction (status, next_poll_at);

-- the webhook's lookup, and one generation per provider prediction
CREATE UNIQUE INDEX prediction_by_provider_id ON prediction (provider, prediction_id)
    WHERE prediction_id IS NOT NULL;
