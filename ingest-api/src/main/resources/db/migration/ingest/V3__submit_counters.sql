-- The per-user rate limits' own storage, replacing the count of generation_request under an advisory lock: one row
-- per owner with the instants of their accepted submissions of the last day (a sliding log, newest last, at most the
-- daily limit long). One upsert checks both windows and appends the new instant; its row lock orders one owner's
-- concurrent submissions until commit, and a refusal or a rollback leaves the row as it was. The limits themselves
-- are not stored: each submission passes its owner's, so limits may differ per user (plans) without a new schema.
create table submit_window (
    owner    text          primary key,
    accepted timestamptz[] not null
);

-- what counts today carries over
insert into submit_window (owner, accepted)
select owner, array_agg(created_at order by created_at)
from generation_request
where created_at > now() - interval '1 day'
group by owner;
