-- Runs after every migration: analysts (the role the projection's migration or the secure stack creates) may read
-- the webhook deliveries view, and nothing else of this schema. Where the role does not exist yet, the next start
-- grants it.
do $$
begin
    if exists (select from pg_roles where rolname = 'analyst') then
        execute 'grant usage on schema ${flyway:defaultSchema} to analyst';
        execute 'grant select on ${flyway:defaultSchema}.webhook_deliveries to analyst';
    end if;
end
$$;
