package io.picturepipeline.projection.lifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.picturepipeline.schemas.GenerationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.stereotype.Component;

/**
 * What the projection reports (docs/observability.md): {@code pipeline.projection.lag}, {@code pipeline.generations}
 * by terminal outcome, plus its own {@code projection.events} by outcome, {@code projection.batch} time and
 * {@code projection.database.unavailable} (attempts that found the database down and will be retried).
 */
@Component
class ProjectionMetrics {

    /** How long a listener may see no records before the lag reads 0: an idle projection is not behind. */
    static final Duration IDLE_AFTER = Duration.ofSeconds(5);

    private final Counter applied;
    private final Counter duplicates;
    private final Counter refused;
    private final Timer batches;
    private final Counter databaseUnavailable;
    private final Map<GenerationStatus, Counter> finished = new EnumMap<>(GenerationStatus.class);
    private final AtomicLong lagMicros = new AtomicLong();

    ProjectionMetrics(MeterRegistry meters) {
        applied = events(meters, "applied");
        duplicates = events(meters, "duplicate");
        refused = events(meters, "refused");
        batches = Timer.builder("projection.batch")
                .description("Time to apply one batch of lifecycle events in its transaction")
                .register(meters);
        databaseUnavailable = Counter.builder("projection.database.unavailable")
                .description("Attempts to apply lifecycle events that found the database unavailable; retried")
                .register(meters);
        for (GenerationStatus status : GenerationStatus.values()) {
            if (status.isTerminal()) {
                finished.put(
                        status,
                        Counter.builder("pipeline.generations")
                                .description("Generations that reached a terminal status, once per generation")
                                .tag("outcome", status.wireName())
                                .register(meters));
            }
        }
        Gauge.builder("pipeline.projection.lag", lagMicros, micros -> micros.get() / 1_000_000.0)
                .description("Seconds from an event's time to the commit of the batch that applied it, the largest"
                        + " of the last batch; 0 when idle")
                .baseUnit("seconds")
                .register(meters);
    }

    <T> T timeBatch(Supplier<T> batch) {
        return batches.record(batch);
    }

    /** A committed batch: its outcome and the commit time. */
    void committed(LifecycleProjector.Outcome outcome, Instant committedAt) {
        applied.increment(outcome.applied());
        duplicates.increment(outcome.duplicates());
        refused.increment(outcome.refused());
        outcome.finished().forEach(status -> finished.get(status).increment());
        lag(outcome.oldestApplied(), committedAt);
    }

    void databaseUnavailable() {
        databaseUnavailable.increment();
    }

    @EventListener
    void idle(ListenerContainerIdleEvent idle) {
        lagMicros.set(0);
    }

    private void lag(@Nullable Instant oldestApplied, Instant committedAt) {
        if (oldestApplied != null) {
            long micros = Duration.between(oldestApplied, committedAt).toNanos() / 1_000;
            lagMicros.set(Math.max(0, micros));
        }
    }

    private static Counter events(MeterRegistry meters, String outcome) {
        return Counter.builder("projection.events")
                .description("Lifecycle events by what the projection did with them")
                .tag("outcome", outcome)
                .register(meters);
    }
}
