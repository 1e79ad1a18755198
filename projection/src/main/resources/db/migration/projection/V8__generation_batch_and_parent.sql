-- From GenerationRequested: the batch a generation was submitted in, and the generation whose image it varies or
-- upscales; null when it does not apply.
alter table generation
    add column batch_id uuid,
    add column parent_id uuid;

create index generation_batch on generation (batch_id) where batch_id is not null;
create index generation_parent on generation (parent_id) where parent_id is not null;

-- The published view gains the two columns at its end: an addition no reader of generation_v1 can notice.
create or replace view generation_v1 as
select id, owner, model, prompt, parameters, status, progress, attempts, error_stage, error_class, error_message,
       images, requested_at, started_at, generated_at, completed_at, failed_at, cancelled_at, updated_at,
       batch_id, parent_id
from generation;
