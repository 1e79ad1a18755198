-- From GenerationRequested: the batch a generation was submitted in, and the generation whose image it varies or
-- upscales; null when it does not apply.
alter table generation
    add column batch_id uuid,
    add column parent_id uuid;

create index generation_batch on generation (batch_id) where batch_id is not null;
create index generation_parent on generation (parent_id) where parent_id is not null;
