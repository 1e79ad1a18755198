-- The read-only role for analysts: the monitoring views and the read-model tables of this schema, nothing else.
-- Its password is the placeholder analyst_password (pipeline.projection.analyst-password, env ANALYST_PASSWORD);
-- empty means no password (no password login). Roles belong to the whole server, so an existing role is kept as it
-- is: change its password with ALTER ROLE. Every later migration that adds a view or table grants it here too.

do $$
begin
    if not exists (select from pg_roles where rolname = 'analyst') then
        execute format('create role analyst login password %L', nullif('${analyst_password}', ''));
    end if;
end
$$;

-- Even a mistaken grant cannot let it write; a runaway query ends; the views need no schema prefix. The live
-- schema is always called projection (a rebuild migrates projection_rebuild, then renames it).
alter role analyst set default_transaction_read_only = on;
alter role analyst set statement_timeout = '60s';
alter role analyst set search_path = projection, public;

-- PostgreSQL 15 and later give PUBLIC nothing in schema public; older servers let every role create tables there.
revoke create on schema public from public;

grant usage on schema ${flyway:defaultSchema} to analyst;
grant select on
    generation, generation_event, dead_letter, generation_hourly, lifecycle_offset, stuck_threshold,
    queue_health, failed_jobs_recent, stuck_jobs, throughput_hourly, model_stats, dead_letter_summary, projection_lag
    to analyst;
