package io.picturepipeline.ingest.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.ingest.IngestSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbox backlog as gauges: {@code pipeline.outbox.backlog} (rows the broker has not acknowledged yet) and
 * {@code pipeline.outbox.oldest.age} (seconds since the oldest of them was committed). Both come from one query,
 * cached briefly, so a scrape costs at most one small query however many gauges it reads.
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
                            select count(*) as backlog,
                                   coalesce(extract(epoch from now() - min(created_at)), 0) as oldest_age_seconds
                            from ingest.outbox
                            """).query(Snapshot.class).single();
        } catch (RuntimeException e) {
            return new Snapshot(Double.NaN, Double.NaN);
        }
    }

    record Snapshot(double backlog, double oldestAgeSeconds) {}
}
