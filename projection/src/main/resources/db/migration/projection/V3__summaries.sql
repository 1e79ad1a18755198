-- Summaries the projection keeps in the same transaction as the rows they summarise, so that views over the whole
-- history do not scan it.

-- Generations per hour (UTC) of their request and of their terminal event. A generation whose requested_at moves (a
-- late, earlier GenerationRequested) moves its count with it, so each column always equals a count over generation.
create table generation_hourly (
    hour      timestamptz primary key,
    requested bigint not null default 0,
    completed bigint not null default 0,
    failed    bigint not null default 0,
    cancelled bigint not null default 0
);

insert into generation_hourly (hour, requested, completed, failed, cancelled)
select hour, sum(requested), sum(completed), sum(failed), sum(cancelled)
from (
    select date_trunc('hour', requested_at at time zone 'UTC') at time zone 'UTC' as hour,
           1 as requested, 0 as completed, 0 as failed, 0 as cancelled
    from generation where requested_at is not null
    union all
    select date_trunc('hour', completed_at at time zone 'UTC') at time zone 'UTC', 0, 1, 0, 0
    from generation where completed_at is not null
    union all
    select date_trunc('hour', failed_at at time zone 'UTC') at time zone 'UTC', 0, 0, 1, 0
    from generation where failed_at is not null
    union all
    select date_trunc('hour', cancelled_at at time zone 'UTC') at time zone 'UTC', 0, 0, 0, 1
    from generation where cancelled_at is not null
) counts
group by hour;

-- Per partition of the lifecycle topic: the last offset applied and the newest event time applied from it.
create table lifecycle_offset (
    kafka_topic     text        not null,
    kafka_partition int         not null,
    last_offset     bigint      not null,
    last_event_at   timestamptz not null,
    applied_at      timestamptz not null,
    primary key (kafka_topic, kafka_partition)
);

insert into lifecycle_offset (kafka_topic, kafka_partition, last_offset, last_event_at, applied_at)
select kafka_topic, kafka_partition, max(kafka_offset), max(occurred_at), max(recorded_at)
from generation_event
group by kafka_topic, kafka_partition;
