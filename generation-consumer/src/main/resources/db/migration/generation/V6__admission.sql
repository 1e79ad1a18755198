-- The admission queue in front of the provider (Kafka has no priority inside a topic). Every requested generation
-- is recorded here when its record is consumed (the offset is committed after the insert), and a dispatcher on every
-- instance starts the next one whenever the stage has a free slot: highest priority first; within a priority the
-- owner with the fewest predictions in flight per fair-share weight; then the one ready longest. A scheduled
-- generation waits here until its not_before. Written only by the generation-consumer.
CREATE TABLE admission (
    generation_id    uuid        PRIMARY KEY,
    owner            text        NOT NULL,
    plan             text        NOT NULL,
    priority         integer     NOT NULL CHECK (priority BETWEEN 0 AND 9),
    weight           integer     NOT NULL CHECK (weight BETWEEN 1 AND 100),
    -- when it was accepted, or its notBefore when that is later: the queue wait counts from here
    ready_at         timestamptz NOT NULL,
    scheduled        boolean     NOT NULL,
    enqueued_at      timestamptz NOT NULL DEFAULT now(),
    -- the consumed GenerationRequested record: what the stage is handed when its turn comes
    request          bytea       NOT NULL,
    kafka_partition  integer     NOT NULL,
    kafka_offset     bigint      NOT NULL,
    -- a dispatcher is starting it; after this a crashed instance's claim is taken over (starting is idempotent)
    claimed_until    timestamptz,
    claimed_at       timestamptz,
    -- handed to the stage (started), cancelled while it waited, or failed into the stage's failure policy; kept a
    -- while (keep-dispatched) for the figures
    dispatched_at    timestamptz,
    outcome          text CHECK (outcome IN ('started', 'failed', 'cancelled'))
);

-- the claim's candidates: waiting rows only
CREATE INDEX admission_waiting ON admission (priority DESC, ready_at) WHERE dispatched_at IS NULL;
-- the purge of dispatched rows
CREATE INDEX admission_dispatched ON admission (dispatched_at) WHERE dispatched_at IS NOT NULL;

-- What waits for the provider now, per priority and plan: waiting (ready, not started) and scheduled (held until a
-- later time) counted apart, with the oldest ready one's wait and the next scheduled release.
CREATE VIEW admission_backlog AS
SELECT priority,
       plan,
       count(*) FILTER (WHERE ready_at <= now())                            AS waiting,
       count(*) FILTER (WHERE ready_at > now())                             AS scheduled,
       count(*) FILTER (WHERE claimed_until > now())                        AS starting,
       date_trunc('second', now() - min(ready_at) FILTER (WHERE ready_at <= now())) AS oldest_waiting,
       min(ready_at) FILTER (WHERE ready_at > now())                        AS next_release
FROM admission
WHERE dispatched_at IS NULL
GROUP BY priority, plan
ORDER BY priority DESC, plan;
