-- The monitoring views for analysts (they replace the seeds' queue_health, failed_jobs_recent and stuck_jobs) and
-- the indexes that keep them fast on a long history. Plain SQL; projection/README.md shows each with sample output.
--
-- Stages: a live generation is in stage 'queued' (status queued: waiting for the generation-consumer), 'generate'
-- (status processing: a prediction at the provider) or 'download' (status downloading: images being fetched).
-- Durations that are statistics are numeric seconds (one decimal); ages of things are intervals to the second.
--
-- Every timestamp of a generation row is at most its last_event_at (the newest event time applied), so
-- "last_event_at >= now() - <window>" finds every row with anything in the window through one index.

-- How long a live generation may go without an event before stuck_jobs lists it. A view cannot read the
-- service's settings, so the thresholds live here; change them with an UPDATE as the projection's database user.
create table stuck_threshold (
    stage     text primary key check (stage in ('queued', 'generate', 'download')),
    threshold interval not null check (threshold > interval '0')
);

insert into stuck_threshold (stage, threshold)
values ('queued', interval '15 minutes'),
       ('generate', interval '15 minutes'),
       ('download', interval '15 minutes');

-- Live generations are few at any time: counts, ages and stuck ones come from this small partial index.
create index generation_live on generation (status, last_event_at)
    where status in ('queued', 'processing', 'downloading');
-- The windows of the last hour / 24 hours (queue_health, model_stats).
create index generation_last_event_at on generation (last_event_at);
-- failed_jobs_recent: failures are a small share of all rows.
create index generation_failed_at on generation (failed_at) where failed_at is not null;

-- Per stage now: waiting (queued: every queued generation; generate/download: a retry not yet due, or parked on
-- the dead-letter topic until ops replay or resolve it), in progress (the rest), and for the last hour the stage's
-- exits (queued: started; generate: images generated; download: completed), its failures (GenerationFailed of that
-- stage), their average and 95th percentile time in the stage, and how long the oldest waiting one has waited.
create view queue_health as
with live as (
    select case g.status when 'queued' then 'queued' when 'processing' then 'generate' else 'download' end as stage,
           g.requested_at,
           g.last_event_at,
           g.status = 'queued'
               or coalesce(g.retry_due_at > now(), false)
               or exists (select 1 from dead_letter d where d.generation_id = g.id and d.resolved_at is null)
               as waiting
    from generation g
    where g.status in ('queued', 'processing', 'downloading')
),
recent as (
    select * from generation where last_event_at >= now() - interval '1 hour'
),
exits as (
    select 'queued' as stage, started_at - requested_at as took, false as failed
    from recent where started_at >= now() - interval '1 hour'
    union all
    select 'generate', generated_at - started_at, false
    from recent where generated_at >= now() - interval '1 hour'
    union all
    select 'download', completed_at - generated_at, false
    from recent where completed_at >= now() - interval '1 hour'
    union all
    select lower(error_stage), null, true
    from recent where failed_at >= now() - interval '1 hour' and error_stage is not null
)
select s.stage,
       coalesce(l.waiting, 0)     as waiting,
       coalesce(l.in_progress, 0) as in_progress,
       coalesce(e.completed, 0)   as completed_last_hour,
       coalesce(e.failed, 0)      as failed_last_hour,
       e.avg_seconds,
       e.p95_seconds,
       l.oldest_waiting
from (values (1, 'queued'), (2, 'generate'), (3, 'download')) as s (position, stage)
left join (
    select stage,
           count(*) filter (where waiting)     as waiting,
           count(*) filter (where not waiting) as in_progress,
           date_trunc('second', now() - min(case when stage = 'queued' then requested_at else last_event_at end)
                                            filter (where waiting)) as oldest_waiting
    from live
    group by stage
) l on l.stage = s.stage
left join (
    select stage,
           count(*) filter (where not failed) as completed,
           count(*) filter (where failed)     as failed,
           round(extract(epoch from avg(took)), 1) as avg_seconds,
           round(percentile_cont(0.95) within group (order by extract(epoch from took))::numeric, 1) as p95_seconds
    from exits
    group by stage
) e on e.stage = s.stage
order by s.position;

-- Failures of the last 24 hours, newest first.
create view failed_jobs_recent as
select g.id,
       g.failed_at,
       lower(g.error_stage) as stage,
       g.error_class,
       g.error_message,
       g.attempts,
       g.owner,
       g.model,
       g.requested_at
from generation g
where g.failed_at >= now() - interval '24 hours'
order by g.failed_at desc;

-- Live generations without any event for longer than their stage's threshold (stuck_threshold), oldest first. A
-- generation waiting for a retry that is not yet due is not stuck; one parked on a dead-letter topic is, and says so.
create view stuck_jobs as
select g.id,
       t.stage,
       g.status,
       g.owner,
       g.model,
       g.attempts,
       g.requested_at,
       g.last_event_at,
       date_trunc('second', now() - g.last_event_at) as idle_for,
       t.threshold,
       exists (select 1 from dead_letter d where d.generation_id = g.id and d.resolved_at is null) as dead_lettered
from generation g
join stuck_threshold t
    on t.stage = case g.status when 'queued' then 'queued' when 'processing' then 'generate' else 'download' end
where g.status in ('queued', 'processing', 'downloading')
  and g.last_event_at < now() - t.threshold
  and not coalesce(g.retry_due_at > now(), false)
order by g.last_event_at;

-- Per hour (UTC), newest first: generations requested, and generations that completed, failed or were cancelled in
-- that hour; failed_pct is failed of those that finished. Hours without any of these are absent.
create view throughput_hourly as
select hour,
       requested,
       completed,
       failed,
       cancelled,
       round(100.0 * failed / nullif(completed + failed + cancelled, 0), 1) as failed_pct
from generation_hourly
where requested + completed + failed + cancelled > 0
order by hour desc;

-- Per model over the last 24 hours: generations requested, and those that finished (completed, failed, cancelled);
-- success_pct is completed of completed + failed; p50/p95 of request-to-completed time of those completed.
create view model_stats as
with recent as (
    select g.model,
           g.status,
           g.requested_at >= now() - interval '24 hours' as requested,
           coalesce(g.completed_at, g.failed_at, g.cancelled_at) >= now() - interval '24 hours' as finished,
           extract(epoch from g.completed_at - g.requested_at) as took
    from generation g
    where g.last_event_at >= now() - interval '24 hours'
)
select model,
       count(*) filter (where requested) as requested,
       count(*) filter (where finished) as finished,
       count(*) filter (where finished and status = 'completed') as completed,
       count(*) filter (where finished and status = 'failed') as failed,
       count(*) filter (where finished and status = 'cancelled') as cancelled,
       round(100.0 * count(*) filter (where finished and status = 'completed')
             / nullif(count(*) filter (where finished and status in ('completed', 'failed')), 0), 1) as success_pct,
       round((percentile_cont(0.5) within group (order by took)
              filter (where finished and status = 'completed'))::numeric, 1) as p50_seconds,
       round((percentile_cont(0.95) within group (order by took)
              filter (where finished and status = 'completed'))::numeric, 1) as p95_seconds
from recent
group by model
order by finished desc, model;

-- Dead letters per stage and error class: still open, resolved without replay, replayed; the oldest open one.
create view dead_letter_summary as
select lower(stage) as stage,
       error_class,
       count(*) filter (where resolved_at is null)   as open,
       count(*) filter (where resolution = 'resolved') as resolved,
       count(*) filter (where resolution = 'replayed') as replayed,
       date_trunc('second', now() - min(occurred_at) filter (where resolved_at is null)) as oldest_open,
       max(occurred_at) as latest_at
from dead_letter
group by stage, error_class
order by open desc, stage, error_class;

-- How far behind the projection is, as far as SQL can tell: per partition of the lifecycle topic the last offset
-- applied, the newest event time applied from it and when; lag is now minus that event time, the first row (no
-- partition) is the whole topic. The broker's end offsets are not visible here: lag also grows while nothing is
-- published. A growing lag with a recent applied_at means behind; with an old applied_at, idle or stopped (the
-- projection's kafka_consumer_fetch_manager_records_lag metric, or kcat, tells which).
create view projection_lag as
select null::int as partition,
       null::bigint as last_offset,
       max(last_event_at) as last_event_at,
       max(applied_at) as applied_at,
       date_trunc('second', now() - max(last_event_at)) as lag,
       date_trunc('second', now() - max(applied_at)) as idle_for
from lifecycle_offset
union all
select kafka_partition,
       last_offset,
       last_event_at,
       applied_at,
       date_trunc('second', now() - last_event_at),
       date_trunc('second', now() - applied_at)
from lifecycle_offset
order by partition nulls first;
