-- Client webhook endpoints: where a user wants to be told about their generations, and the secret deliveries are
-- signed with (kept here to sign; shown to the owner once). After a rotation the previous secret signs too, until
-- previous_secret_expires_at.
create table webhook_endpoint (
    id                         uuid primary key,
    owner                      text        not null,
    url                        text        not null,
    events                     text        not null check (events in ('terminal', 'all')),
    secret                     text        not null,
    previous_secret            text,
    previous_secret_expires_at timestamptz,
    enabled                    boolean     not null default true,
    disabled_reason            text,
    disabled_at                timestamptz,
    created_at                 timestamptz not null
);

create index webhook_endpoint_owner_idx on webhook_endpoint (owner, created_at);

-- One row per (lifecycle event, endpoint): id is the webhook-id every attempt carries. Written when the event is
-- fanned out, updated after each attempt.
create table webhook_delivery (
    id                   text primary key,
    endpoint_id          uuid        not null references webhook_endpoint (id) on delete cascade,
    generation_id        uuid        not null,
    event_type           text        not null,
    event_occurred_at    timestamptz not null,
    created_at           timestamptz not null,
    status               text        not null
        check (status in ('pending', 'delivered', 'retrying', 'failed', 'refused', 'skipped')),
    attempts             integer     not null default 0,
    last_attempt_at      timestamptz,
    last_response_status integer,
    last_error           text,
    delivered_at         timestamptz
);

-- "the recent deliveries of an endpoint"
create index webhook_delivery_endpoint_idx on webhook_delivery (endpoint_id, created_at desc);

-- What analysts see of deliveries: outcome and latency (event → receiver's 2xx), the endpoint's origin only (a URL's
-- path and query may hold the client's own token), never a secret.
create view webhook_deliveries as
select d.id                                         as webhook_id,
       e.owner,
       d.endpoint_id,
       substring(e.url from '^[a-z]+://[^/?#]+')    as endpoint_origin,
       e.enabled                                    as endpoint_enabled,
       e.disabled_reason,
       d.generation_id,
       d.event_type,
       d.status,
       d.attempts,
       d.last_response_status,
       d.last_error,
       d.event_occurred_at,
       d.created_at,
       d.delivered_at,
       d.delivered_at - d.event_occurred_at         as latency
from webhook_delivery d
join webhook_endpoint e on e.id = d.endpoint_id;
