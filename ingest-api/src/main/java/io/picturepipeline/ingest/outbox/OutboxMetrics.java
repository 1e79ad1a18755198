package io.picturepipeline.ingest.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.ingest.IngestSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbox backlog as gauges: {@code pipeline.outbox.backlog} (rows the broker has not acknowledged yet, and the
 * relay will publish), {@code pipeline.outbox.oldest.age} (seconds since the oldest of them was committed) and {@code
 * pipeline.outbox.parked} (rows parked because they can never be published, with the rows of their generations held
 * behind them: they wait for ops, not for the relay). All come from one query, cached briefly, so a scrape costs at
 * most one small query however many gauges it reads.
 */
@Component
class OutboxMetrics {

    private final JdbcClient jdbc;
    private final long ttlNanos;
    private Snapshot snapshot;
    private long takenAt;

    OutboxMetrics(JdbcClient jdbc, MeterRegistry registry, IngestSettings settings) {
        this.jdbc = jdbc;
        this.ttlNanos = settings.outbox().metricsCacheTtl().toNanos();
        Gauge.builder(
                        "pipeline.outbox.backlog",
                        this,
                        metrics -> metrics.snapshot().backlog())
                .description("Outbox rows committed but not yet acknowledged by the broker")
                .register(registry);
        Gauge.builder(
                        "pipeline.outbox.oldest.age",
                        this,
                        metrics -> metrics.snapshot().oldestAgeSeconds())
                .description("Age of the oldest unpublished outbox row")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder(
                        "pipeline.outbox.parked",
                        this,
                        metrics -> metrics.snapshot().parked())
                .description("Outbox rows parked because they can never be published, and rows held behind them")
                .register(registry);
    }

    synchronized Snapshot snapshot() {
        long now = System.nanoTime();
        if (snapshot == null || now - takenAt >= ttlNanos) {
            snapshot = query();
            takenAt = now;
        }
        return snapshot;
    }

    private Snapshot query() {
        try {
            return jdbc.sql("""
                            select count(*) filter (where not held) as backlog,
                                   coalesce(extract(epoch from now() - min(created_at) filter (where not held)), 0)
                                       as oldest_age_seconds,
                                   count(*) filter (where held) as parked
                            from (select o.created_at,
                                         exists (select 1 from ingest.outbox p
                                                 where p.generation_id = o.generation_id and p.parked_at is not null)
                                             as held
                                  from ingest.outbox o) rows
                            """).query(Snapshot.class).single();
        } catch (RuntimeException e) {
            return new Snapshot(Double.NaN, Double.NaN, Double.NaN);
        }
    }

    record Snapshot(double backlog, double oldestAgeSeconds, double parked) {}
}
