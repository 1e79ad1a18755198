-- Bucket4j's token buckets of the provider budget (creates, other calls; per provider account), shared by every
-- instance of the stage under PostgreSQL advisory locks. Written only by the generation-consumer, through Bucket4j.
CREATE TABLE provider_budget (
    id    bigint PRIMARY KEY,
    state bytea
);
