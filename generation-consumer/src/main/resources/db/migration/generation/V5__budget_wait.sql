-- The generations whose create waits for the provider account's budget right now (all instances): a row from the
-- first refusal until the create goes out. A waiting record comes back every backpressure-pause, so a row not
-- refused for a minute no longer waits (its generation was cancelled or dead-lettered meanwhile) and is dropped.
-- Feeds the gauges pipeline.provider.budget.waiting and pipeline.provider.budget.oldest_wait.
CREATE TABLE budget_wait (
    generation_id   uuid        PRIMARY KEY,
    since           timestamptz NOT NULL DEFAULT now(),
    last_refused_at timestamptz NOT NULL DEFAULT now()
);
