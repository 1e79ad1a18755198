-- One row per generation whose outputs are all stored and whose GenerationCompleted was acknowledged by the broker.
-- A redelivered download record finds its row and is skipped; the row is written last, so a crash before it means
-- the record is processed again (same object keys, same event id: overwrites and a deduped re-publish).
create table download.completed_download (
    generation_id uuid primary key,
    images jsonb not null,
    completed_at timestamptz not null
);
