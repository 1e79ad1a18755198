package io.picturepipeline.bench;

import io.picturepipeline.bench.baseline.SeedQueue;
import io.picturepipeline.bench.measure.DrainWait;
import io.picturepipeline.bench.measure.LifecycleWatcher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** What a run reads from the databases: the pipeline's tables before and after a run, the seeds' queue. */
final class RunQueries {

    private RunQueries() {}

    /**
     * Whether the pipeline holds nothing from earlier runs: no unpublished outbox row, every accepted request known to
     * the projection, and none of them live there (queued, processing or downloading). If the tables cannot be read
     * (renamed by a later change), three seconds without a lifecycle event stand in.
     */
    static DrainWait.State inFlight(Connection db, LifecycleWatcher watcher) {
        try (PreparedStatement q = db.prepareStatement("""
                select (select count(*) from ingest.outbox),
                       (select count(*) from ingest.generation_request) - (select count(*) from projection.generation),
                       (select count(*) from projection.generation
                         where status in ('queued', 'processing', 'downloading'))
                """);
                ResultSet rs = q.executeQuery()) {
            rs.next();
            long outbox = rs.getLong(1);
            long unseen = Math.max(0, rs.getLong(2));
            long live = rs.getLong(3);
            return new DrainWait.State(
                    outbox == 0 && unseen == 0 && live == 0,
                    "outbox " + outbox + ", not yet projected " + unseen + ", live " + live);
        } catch (SQLException e) {
            boolean quiet = watcher.quietFor(Duration.ofSeconds(3));
            return new DrainWait.State(
                    quiet, "tables unreadable (" + e.getMessage() + "), lifecycle quiet for 3 s: " + quiet);
        }
    }

    static Map<String, Object> projectionLagFromTable(Connection db, Instant since) {
        Map<String, Object> out = new LinkedHashMap<>();
        try (PreparedStatement q = db.prepareStatement("""
                select count(*), percentile_cont(0.5) within group (order by lag),
                       percentile_cont(0.99) within group (order by lag), max(lag)
                  from (select extract(epoch from updated_at - last_event_at) as lag
                          from projection.generation
                         where status = 'completed' and last_event_at >= ?) t
                """)) {
            q.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                out.put(
                        "projection lag of the terminal event (updated_at - last_event_at, s)",
                        "n " + rs.getLong(1) + ", p50 " + Runner.fmt(rs.getDouble(2)) + ", p99 "
                                + Runner.fmt(rs.getDouble(3)) + ", max " + Runner.fmt(rs.getDouble(4)));
            }
        } catch (SQLException e) {
            out.put("projection lag of the terminal event", "unreadable: " + e.getMessage());
        }
        return out;
    }

    /**
     * Where a completed generation's time went, hop by hop, from the timestamps the pipeline's own tables keep (all on
     * this machine's clock): p50 / p99 in ms of submit → enqueued for admission (outbox, broker, the generate
     * listener's batch insert), → claimed (the admission dispatcher), → intent recorded (a starter's checks), →
     * prediction recorded (the create call and its answer), → completed (result, download, store, the terminal
     * event's publish). Generations submitted since {@code since}.
     */
    static Map<String, Object> hops(Connection db, Instant since) {
        Map<String, Object> out = new LinkedHashMap<>();
        String[] names = {"submit→enqueued", "→claimed", "→intent", "→prediction recorded", "→completed"};
        try (PreparedStatement q = db.prepareStatement("""
                with h as (
                  select extract(epoch from a.enqueued_at - r.created_at) * 1000 as h1,
                         extract(epoch from a.claimed_at - a.enqueued_at) * 1000 as h2,
                         extract(epoch from p.created_at - a.claimed_at) * 1000 as h3,
                         extract(epoch from p.started_at - p.created_at) * 1000 as h4,
                         extract(epoch from e.occurred_at - p.started_at) * 1000 as h5
                    from ingest.generation_request r
                    join generation.admission a on a.generation_id = r.id
                    join generation.prediction p on p.generation_id = r.id
                    join projection.generation_event e on e.generation_id = r.id and e.type = 'GenerationCompleted'
                   where r.created_at >= ?)
                select count(*),
                       percentile_cont(0.5) within group (order by h1), percentile_cont(0.99) within group (order by h1),
                       percentile_cont(0.5) within group (order by h2), percentile_cont(0.99) within group (order by h2),
                       percentile_cont(0.5) within group (order by h3), percentile_cont(0.99) within group (order by h3),
                       percentile_cont(0.5) within group (order by h4), percentile_cont(0.99) within group (order by h4),
                       percentile_cont(0.5) within group (order by h5), percentile_cont(0.99) within group (order by h5)
                  from h
                """)) {
            q.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                StringBuilder text = new StringBuilder("n " + rs.getLong(1));
                for (int i = 0; i < names.length; i++) {
                    text.append("; ")
                            .append(names[i])
                            .append(' ')
                            .append(Runner.fmt(rs.getDouble(2 + 2 * i)))
                            .append(" / ")
                            .append(Runner.fmt(rs.getDouble(3 + 2 * i)));
                }
                out.put("time per hop, p50 / p99 ms", text.toString());
            }
        } catch (SQLException e) {
            out.put("time per hop", "unreadable: " + e.getMessage());
        }
        return out;
    }

    static Map<String, Object> seedsJobs(Connection db, Instant started, Duration window) {
        Map<String, Object> out = new LinkedHashMap<>();
        try (PreparedStatement q = db.prepareStatement("""
                select job_type, count(*) from job_queue
                 where status = 'completed' and completed_at >= ? and completed_at < ?
                 group by job_type order by job_type
                """)) {
            q.setTimestamp(1, Timestamp.from(started));
            q.setTimestamp(2, Timestamp.from(started.plus(window)));
            long total = 0;
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put("jobs completed in the window: " + rs.getString(1), rs.getLong(2));
                    total += rs.getLong(2);
                }
            }
            out.put("jobs completed in the window", total);
            out.put("jobs per hour", Math.round(total * 3600.0 / window.toSeconds()));
        } catch (SQLException e) {
            out.put("jobs", "unreadable: " + e.getMessage());
        }
        return out;
    }

    static java.util.Optional<SeedQueue.Health> health(Connection db) {
        try {
            return java.util.Optional.of(SeedQueue.health(db));
        } catch (SQLException e) {
            return java.util.Optional.empty();
        }
    }

    static OptionalDouble count(Connection db, String sql) {
        try (PreparedStatement q = db.prepareStatement(sql);
                ResultSet rs = q.executeQuery()) {
            rs.next();
            return OptionalDouble.of(rs.getLong(1));
        } catch (SQLException e) {
            return OptionalDouble.empty();
        }
    }
}
