-- What the ingest-api reads, published as versioned views: GET /api/v1/generations reads generation_v1, the event
-- streams replay generation_event_v1 (the events the projection applied, refused ones left out). The ingest-api reads
-- only these, never the tables, so the tables may change as long as these views keep their columns: a change a
-- reader would notice is a new view (generation_v2) beside this one, and this one goes once nobody reads it.

create view generation_v1 as
select id, owner, model, prompt, parameters, status, progress, attempts, error_stage, error_class, error_message,
       images, requested_at, started_at, generated_at, completed_at, failed_at, cancelled_at, updated_at
from generation;

create view generation_event_v1 as
select event_id, generation_id, type, occurred_at, payload, kafka_topic, kafka_partition, kafka_offset
from generation_event
where refused_reason is null;

grant select on generation_v1, generation_event_v1 to analyst;
