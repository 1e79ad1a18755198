-- The plan ops gave a user (free, pro, vip, … as named in pipeline.ingest.plans): it wins over the token's plan
-- claim. docs/operations.md shows the one statement that moves a user to another plan.
create table user_plan (
    owner      text        primary key,
    plan       text        not null check (plan <> ''),
    changed_at timestamptz not null default now()
);
