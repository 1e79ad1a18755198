-- Generations their owner cancelled (GenerationCancelled on the lifecycle topic), whether or not this stage had
-- started them: a cancelled generation is never started, and the poller never publishes a result for it.
CREATE TABLE cancellation (
    generation_id uuid        PRIMARY KEY,
    reason        text        NOT NULL,
    cancelled_at  timestamptz NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now()
);
