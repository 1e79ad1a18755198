-- Bulk-loads a synthetic history into a read model, as the projection would have written it, for timing the
-- monitoring views at 1 or 10 million events. It writes into the first schema of the search_path, which must be an
-- already migrated read model; never point it at the live projection. See projection/README.md ("Benchmark hook"):
--
--   ./pp rebuild-projection --no-swap   # a migrated copy of the read model in schema projection_rebuild
--   PGOPTIONS=-csearch_path=projection_rebuild psql "$DATABASE_URL" -v events=1000000 \
--       -f projection/src/test/resources/bench/synthetic_history.sql
--
-- Variables: events (about this many lifecycle events, default 1000000), days (spread of the requests before now,
-- default 30). About 5 events per generation. Outcomes: 88 % completed, 6 % failed, 3 % cancelled, 3 % dead-lettered
-- (half still open, then replayed or resolved); 10 % of the generations retried once, 2 % twice; the newest
-- 90 seconds are still queued, processing or downloading. Rows are written in time order, as the projection writes
-- them (recent rows lie together). Re-running adds another history beside the first.

\set ON_ERROR_STOP on
\if :{?events}
\else
    \set events 1000000
\endif
\if :{?days}
\else
    \set days 30
\endif

select current_schema() as loading_into, :events as events_wanted \gset
\echo loading about :events_wanted events into schema :loading_into

begin;

create temporary table synthetic on commit drop as
with base as (
    select gen_random_uuid() as id,
           now() - random() * (:days * interval '1 day') as requested_at,
           (array['black-forest-labs/flux-schnell', 'black-forest-labs/flux-dev', 'stability-ai/sdxl',
                  'bytedance/sdxl-lightning-4step', 'ideogram-ai/ideogram-v3-turbo', 'google/imagen-4'])
               [1 + (n % 6)] as model,
           'user-' || (n % 5000) as owner,
           random() as outcome,
           random() as retry,
           interval '1 ms' * (300 + 4700 * random()) as queue_time,
           interval '1 ms' * (2000 + 28000 * random()) as generate_time,
           interval '1 ms' * (300 + 2700 * random()) as download_time
    from generate_series(1, (:events / 5)::bigint) n
)
select b.*,
       case when b.retry < 0.10 then 1 when b.retry < 0.12 then 2 else 0 end as retries,
       case when now() - b.requested_at < interval '30 seconds' then 'queued'
            when now() - b.requested_at < interval '60 seconds' then 'processing'
            when now() - b.requested_at < interval '90 seconds' then 'downloading'
            when b.outcome < 0.88 then 'completed'
            when b.outcome < 0.94 then 'failed'
            when b.outcome < 0.97 then 'cancelled'
            when b.outcome < 0.985 and now() - b.requested_at < interval '1 day' then 'parked'
            when b.outcome < 0.985 then 'resolved'
            when b.outcome < 0.994 then 'replayed'
            else 'resolved' end as fate
from base b;

-- Every timestamp of each generation, retries included (each retry waits 10 s and starts a new prediction); a
-- replayed generation completes an hour later, after ops replayed it.
create temporary table timeline on commit drop as
select s.*,
       s.requested_at + s.queue_time as started_at,
       s.requested_at + s.queue_time + s.retries * interval '10 seconds' + s.replay_delay as attempt_started_at,
       s.requested_at + s.queue_time + s.retries * interval '10 seconds' + s.replay_delay + s.generate_time
           as generated_at,
       s.requested_at + s.queue_time + s.retries * interval '10 seconds' + s.replay_delay + s.generate_time
           + s.download_time as completed_at,
       s.requested_at + s.queue_time + s.generate_time / 2 as failed_at,
       s.requested_at + s.queue_time / 2 as cancelled_at,
       s.requested_at + s.queue_time + s.generate_time as dead_lettered_at,
       s.requested_at + s.queue_time + s.generate_time + interval '1 hour' as ops_at
from (select *, case when fate = 'replayed' then interval '1 hour' else interval '0' end as replay_delay
      from synthetic) s;

create temporary table events on commit drop as
select t.id as generation_id, e.type, e.occurred_at, e.fact
from timeline t
cross join lateral (
    select 'GenerationRequested' as type, t.requested_at as occurred_at, 'requested' as fact
    union all
    select 'GenerationStarted', t.started_at, 'started/p-0'
    where t.fate not in ('queued', 'cancelled')
    union all
    select 'RetryScheduled', t.started_at + (k - 1) * interval '10 seconds' + interval '5 seconds', 'retry/' || k
    from generate_series(1, t.retries) k
    where t.fate not in ('queued', 'cancelled')
    union all
    select 'GenerationStarted', t.started_at + k * interval '10 seconds', 'started/p-' || k
    from generate_series(1, t.retries) k
    where t.fate not in ('queued', 'cancelled')
    union all
    select 'GenerationProgressed', t.attempt_started_at + t.generate_time / 2, 'progress/50'
    where t.fate in ('completed', 'replayed', 'downloading')
    union all
    select 'ImagesGenerated', t.generated_at, 'generated'
    where t.fate in ('completed', 'replayed', 'downloading')
    union all
    select 'GenerationCompleted', t.completed_at, 'terminal'
    where t.fate in ('completed', 'replayed')
    union all
    select 'GenerationFailed', t.failed_at, 'terminal'
    where t.fate = 'failed'
    union all
    select 'GenerationFailed', t.ops_at, 'terminal'
    where t.fate = 'resolved'
    union all
    select 'GenerationCancelled', t.cancelled_at, 'terminal'
    where t.fate = 'cancelled'
    union all
    select 'DeadLettered', t.dead_lettered_at, 'dead-lettered'
    where t.fate in ('parked', 'replayed', 'resolved')
    union all
    select 'DeadLetterReplayed', t.ops_at - interval '1 minute', 'dead-letter-replayed'
    where t.fate = 'replayed'
    union all
    select 'DeadLetterResolved', t.ops_at, 'dead-letter-resolved'
    where t.fate = 'resolved'
) e;

insert into generation_event
    (event_id, generation_id, type, occurred_at, payload, kafka_topic, kafka_partition, kafka_offset, recorded_at)
select md5(e.generation_id::text || '/' || e.fact)::uuid,
       e.generation_id,
       e.type,
       e.occurred_at,
       jsonb_build_object(
           'type', e.type,
           'eventId', md5(e.generation_id::text || '/' || e.fact)::uuid,
           'generationId', e.generation_id,
           'occurredAt', e.occurred_at,
           'schemaVersion', 1,
           'note', 'synthetic history for the view benchmark; the projection writes the event as received here'),
       'pipeline.lifecycle',
       abs(hashtext(e.generation_id::text)) % 12,
       (select coalesce(max(kafka_offset), 0) from generation_event) + row_number() over (order by e.occurred_at),
       e.occurred_at + interval '50 ms'
from events e
order by e.occurred_at;

insert into generation
    (id, owner, model, prompt, parameters, status, progress, prediction_id, attempts, error_stage, error_class,
     error_message, cancel_reason, images, requested_at, started_at, attempt_started_at, generated_at, completed_at,
     failed_at, cancelled_at, retry_due_at, last_event_at, updated_at)
select t.id,
       t.owner,
       t.model,
       'a lighthouse at dawn, oil painting',
       jsonb_build_object('prompt', 'a lighthouse at dawn, oil painting', 'model', t.model, 'width', 1024,
                          'height', 768, 'steps', 4, 'guidanceScale', 7.5, 'numOutputs', 1),
       case t.fate when 'parked' then 'processing' when 'replayed' then 'completed' when 'resolved' then 'failed'
                   else t.fate end,
       case when t.fate in ('completed', 'replayed', 'downloading') then 100 else 0 end,
       case when t.fate not in ('queued', 'cancelled') then 'p-' || t.retries end,
       case when t.fate in ('queued', 'cancelled') then 0 else 1 + 2 * t.retries end,
       case when t.fate = 'failed' then 'GENERATE' when t.fate = 'resolved' then 'DOWNLOAD' end,
       case when t.fate = 'failed' then 'ProviderRejected' when t.fate = 'resolved' then 'ImageGone' end,
       case when t.fate = 'failed' then 'invalid prompt' when t.fate = 'resolved' then 'image host gone' end,
       case when t.fate = 'cancelled' then 'cancelled by owner' end,
       case when t.fate in ('completed', 'replayed')
            then jsonb_build_array(jsonb_build_object('index', 0, 'key', t.id || '/0.png', 'contentType',
                                                      'image/png', 'bytes', 1048576, 'width', 1024, 'height', 768))
            else '[]'::jsonb end,
       t.requested_at,
       case when t.fate not in ('queued', 'cancelled') then t.started_at end,
       case when t.fate not in ('queued', 'cancelled') then t.attempt_started_at end,
       case when t.fate in ('completed', 'replayed', 'downloading') then t.generated_at end,
       case when t.fate in ('completed', 'replayed') then t.completed_at end,
       case when t.fate = 'failed' then t.failed_at when t.fate = 'resolved' then t.ops_at end,
       case when t.fate = 'cancelled' then t.cancelled_at end,
       case when t.retries > 0 then t.started_at + (t.retries - 1) * interval '10 seconds' + interval '15 seconds' end,
       l.last_event_at,
       now()
from timeline t
join (select generation_id, max(occurred_at) as last_event_at from events group by generation_id) l
    on l.generation_id = t.id
order by t.requested_at;

insert into dead_letter
    (event_id, generation_id, stage, dead_letter_topic, error_class, message, attempts, occurred_at, recorded_at,
     resolved_at, resolution, replay_count, dead_letter_ref, resolved_by, resolution_reason)
select md5(t.id::text || '/dead-lettered')::uuid,
       t.id,
       case when t.fate = 'resolved' then 'DOWNLOAD' else 'GENERATE' end,
       case when t.fate = 'resolved' then 'pipeline.download-dlt' else 'pipeline.generate-dlt' end,
       case when t.fate = 'resolved' then 'ImageGone' when t.outcome < 0.98 then 'ProviderTimeout'
            else 'ProviderUnavailable' end,
       'synthetic dead letter',
       4,
       t.dead_lettered_at,
       t.dead_lettered_at + interval '50 ms',
       case when t.fate = 'replayed' then t.ops_at - interval '1 minute' when t.fate = 'resolved' then t.ops_at end,
       case when t.fate = 'replayed' then 'replayed' when t.fate = 'resolved' then 'resolved' end,
       case when t.fate = 'replayed' then 1 else 0 end,
       case when t.fate in ('replayed', 'resolved') then 'pipeline.generate-dlt:0:' || abs(hashtext(t.id::text)) end,
       case when t.fate in ('replayed', 'resolved') then 'ops' end,
       case when t.fate in ('replayed', 'resolved') then 'synthetic' end
from timeline t
where t.fate in ('parked', 'replayed', 'resolved');

-- The summaries, as the projection keeps them: added to what is there.
insert into generation_hourly as h (hour, requested, completed, failed, cancelled)
select hour, sum(requested), sum(completed), sum(failed), sum(cancelled)
from (
    select date_trunc('hour', requested_at at time zone 'UTC') at time zone 'UTC' as hour,
           1 as requested, 0 as completed, 0 as failed, 0 as cancelled
    from timeline
    union all
    select date_trunc('hour', completed_at at time zone 'UTC') at time zone 'UTC', 0, 1, 0, 0
    from timeline where fate in ('completed', 'replayed')
    union all
    select date_trunc('hour', case fate when 'failed' then failed_at else ops_at end at time zone 'UTC')
               at time zone 'UTC', 0, 0, 1, 0
    from timeline where fate in ('failed', 'resolved')
    union all
    select date_trunc('hour', cancelled_at at time zone 'UTC') at time zone 'UTC', 0, 0, 0, 1
    from timeline where fate = 'cancelled'
) counts
group by hour
on conflict (hour) do update set
    requested = h.requested + excluded.requested,
    completed = h.completed + excluded.completed,
    failed = h.failed + excluded.failed,
    cancelled = h.cancelled + excluded.cancelled;

insert into lifecycle_offset as o (kafka_topic, kafka_partition, last_offset, last_event_at, applied_at)
select kafka_topic, kafka_partition, max(kafka_offset), max(occurred_at), now()
from generation_event
group by kafka_topic, kafka_partition
on conflict (kafka_topic, kafka_partition) do update set
    last_offset = greatest(o.last_offset, excluded.last_offset),
    last_event_at = greatest(o.last_event_at, excluded.last_event_at),
    applied_at = excluded.applied_at;

commit;

analyze generation;
analyze generation_event;
analyze dead_letter;
analyze generation_hourly;

select (select count(*) from generation_event) as events,
       (select count(*) from generation) as generations,
       (select count(*) from dead_letter) as dead_letters,
       pg_size_pretty(pg_total_relation_size('generation')) as generation_size,
       pg_size_pretty(pg_total_relation_size('generation_event')) as event_log_size;
