-- Scheduled generations: accepted now with a notBefore ahead, held by the generation-consumer's admission queue
-- until then. Their status is 'scheduled' until they start (GenerationStarted); queue_health counts them in a row of
-- their own ('scheduled', after the three stages), apart from the work waiting now. Per priority and plan, and the
-- moment a scheduled one becomes due, the generation-consumer's generation.admission_backlog has the exact figures.

alter table generation drop constraint generation_status_check;
alter table generation add constraint generation_status_check
    check (status in ('queued', 'scheduled', 'processing', 'downloading', 'completed', 'failed', 'cancelled'));

drop index generation_live;
create index generation_live on generation (status, last_event_at)
    where status in ('queued', 'scheduled', 'processing', 'downloading');

-- As in V4, plus the row 'scheduled': waiting = every scheduled generation, oldest_waiting = since the oldest one
-- was accepted; it has no exits of its own (a scheduled generation that starts leaves through 'queued''s figures).
create or replace view queue_health as
with live as (
    select case g.status
               when 'queued' then 'queued'
               when 'scheduled' then 'scheduled'
               when 'processing' then 'generate'
               else 'download' end as stage,
           g.requested_at,
           g.last_event_at,
           g.status in ('queued', 'scheduled')
               or coalesce(g.retry_due_at > now(), false)
               or exists (select 1 from dead_letter d where d.generation_id = g.id and d.resolved_at is null)
               as waiting
    from generation g
    where g.status in ('queued', 'scheduled', 'processing', 'downloading')
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
from (values (1, 'queued'), (2, 'generate'), (3, 'download'), (4, 'scheduled')) as s (position, stage)
left join (
    select stage,
           count(*) filter (where waiting)     as waiting,
           count(*) filter (where not waiting) as in_progress,
           date_trunc('second', now() - min(case when stage in ('queued', 'scheduled') then requested_at
                                                 else last_event_at end)
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
