package io.picturepipeline.generation.provider;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The generations waiting for the create budget now, over all instances ({@code generation.budget_wait}), as the
 * gauges {@code pipeline.provider.budget.waiting} and {@code pipeline.provider.budget.oldest_wait} (seconds), re-read
 * by {@link #refresh}. Every instance reports the same cluster-wide figures.
 */
final class BudgetWaits {

    static final String WAITING = "pipeline.provider.budget.waiting";
    static final String OLDEST = "pipeline.provider.budget.oldest_wait";
    private static final int MAX_REMEMBERED = 100_000;

    /** {@code null}: nothing recorded (a budget without a database, for tests of what is around it). */
    private final @Nullable JdbcClient jdbc;

    /** Generations this instance refused (bounded): only theirs are deleted on a grant, off the hot path otherwise. */
    private final Set<UUID> refusedHere = ConcurrentHashMap.newKeySet();

    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    BudgetWaits(@Nullable JdbcClient jdbc, String provider, MeterRegistry registry) {
        this.jdbc = jdbc;
        Gauge.builder(WAITING, waiting, AtomicLong::get)
                .description("Generations whose create waits for the provider account's budget (all instances)")
                .tag("provider", provider)
                .register(registry);
        Gauge.builder(OLDEST, oldestSeconds, AtomicLong::get)
                .description("How long the oldest of them has waited (all instances)")
                .baseUnit("seconds")
                .tag("provider", provider)
                .register(registry);
    }

    void refused(UUID generationId) {
        if (jdbc != null) {
            if (refusedHere.size() < MAX_REMEMBERED) {
                refusedHere.add(generationId);
            }
            jdbc.sql("""
                            INSERT INTO generation.budget_wait (generation_id) VALUES (:id)
                            ON CONFLICT (generation_id) DO UPDATE SET last_refused_at = now()
                            """).param("id", generationId).update();
        }
    }

    /** A generation redelivered to another instance keeps its row until {@link #refresh} finds it stale. */
    void granted(UUID generationId) {
        if (jdbc != null && refusedHere.remove(generationId)) {
            jdbc.sql("DELETE FROM generation.budget_wait WHERE generation_id = :id")
                    .param("id", generationId)
                    .update();
        }
    }

    /** Drops the rows nobody waits on any more, then re-reads the figures. */
    void refresh() {
        if (jdbc == null) {
            return;
        }
        jdbc.sql("DELETE FROM generation.budget_wait WHERE last_refused_at < now() - interval '1 minute'")
                .update();
        jdbc.sql("""
                        SELECT count(*) AS waiting,
                               coalesce(extract(epoch FROM now() - min(since)), 0)::bigint AS oldest
                          FROM generation.budget_wait
                        """)
                .query((rs, n) -> {
                    waiting.set(rs.getLong("waiting"));
                    oldestSeconds.set(rs.getLong("oldest"));
                    return n;
                })
                .single();
    }
}
