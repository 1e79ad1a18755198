-- A row the relay can never publish (a record the broker refuses for its size, a payload that does not decode) is
-- parked instead of being retried at the head of the queue for ever: it keeps its place, its error says why, and
-- the relay passes over it and over every later row of the same generation (their order holds) until ops act
-- (docs/operations.md, "Parked outbox rows").
alter table outbox
    add column parked_at   timestamptz,
    add column park_reason text;

create index outbox_parked_idx on outbox (generation_id) where parked_at is not null;
