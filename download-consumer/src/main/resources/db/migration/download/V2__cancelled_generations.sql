-- Generations their owner cancelled (GenerationCancelled on the lifecycle topic, seen by this stage's own consumer
-- group): their downloads are skipped, and a download under way when the cancel arrives stores and completes nothing
-- more.
create table download.cancelled_generation (
    generation_id uuid primary key,
    cancelled_at timestamptz not null,
    recorded_at timestamptz not null default now()
);
