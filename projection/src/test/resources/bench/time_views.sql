-- Times every monitoring view (EXPLAIN ANALYZE, three runs each: the first may read from disk) in the first schema
-- of the search_path. See projection/README.md ("Benchmark hook").
--
--   PGOPTIONS=-csearch_path=projection_rebuild psql "$DATABASE_URL" -f projection/src/test/resources/bench/time_views.sql

\pset pager off
select count(*) as events from generation_event;
select count(*) as generations from generation;
\o /dev/null
select * from queue_health; select * from failed_jobs_recent; select * from stuck_jobs;
select * from throughput_hourly; select * from model_stats; select * from dead_letter_summary;
select * from projection_lag;
\o
\echo queue_health
explain (analyze, timing off, summary on) select * from queue_health;
explain (analyze, timing off, summary on) select * from queue_health;
explain (analyze, timing off, summary on) select * from queue_health;
\echo failed_jobs_recent
explain (analyze, timing off, summary on) select * from failed_jobs_recent;
explain (analyze, timing off, summary on) select * from failed_jobs_recent;
explain (analyze, timing off, summary on) select * from failed_jobs_recent;
\echo stuck_jobs
explain (analyze, timing off, summary on) select * from stuck_jobs;
explain (analyze, timing off, summary on) select * from stuck_jobs;
explain (analyze, timing off, summary on) select * from stuck_jobs;
\echo throughput_hourly
explain (analyze, timing off, summary on) select * from throughput_hourly;
explain (analyze, timing off, summary on) select * from throughput_hourly;
explain (analyze, timing off, summary on) select * from throughput_hourly;
\echo model_stats
explain (analyze, timing off, summary on) select * from model_stats;
explain (analyze, timing off, summary on) select * from model_stats;
explain (analyze, timing off, summary on) select * from model_stats;
\echo dead_letter_summary
explain (analyze, timing off, summary on) select * from dead_letter_summary;
explain (analyze, timing off, summary on) select * from dead_letter_summary;
explain (analyze, timing off, summary on) select * from dead_letter_summary;
\echo projection_lag
explain (analyze, timing off, summary on) select * from projection_lag;
explain (analyze, timing off, summary on) select * from projection_lag;
explain (analyze, timing off, summary on) select * from projection_lag;
