-- A batch of generations submitted in one request: accepted or refused whole, in one transaction with its
-- generation_request rows (which carry its id) and their outbox rows.
create table batch (
    id         uuid primary key,
    owner      text        not null,
    size       integer     not null,
    created_at timestamptz not null
);

alter table generation_request
    add column batch_id uuid references batch (id),
    add column batch_position integer;

create index generation_request_batch_idx on generation_request (batch_id) where batch_id is not null;

-- idempotency_key.generation_id names what a key created: a generation, or (for POST /api/v1/batches) a batch.
comment on column idempotency_key.generation_id is 'the generation, or for a batch submission the batch, created';

-- A variation or upscale of another generation's image records that generation; the parent's GET lists its children.
alter table generation_request add column parent_id uuid;

create index generation_request_parent_idx on generation_request (parent_id) where parent_id is not null;
