package io.picturepipeline.projection.lifecycle;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.schemas.GenerationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.generations.stuck}: the rows of the {@code stuck_jobs} view by status (live generations without an
 * event for longer than their stage's {@code stuck_threshold}), so the gauge and the analysts' view always agree. A
 * query on the read model, run at most every 30 seconds.
 */
@Component
class StuckGenerations {

    private static final Logger log = LoggerFactory.getLogger(StuckGenerations.class);
    private static final Duration CACHED_FOR = Duration.ofSeconds(30);
    private static final List<GenerationStatus> LIVE = Arrays.stream(GenerationStatus.values())
            .filter(status -> !status.isTerminal())
            .toList();

    private final JdbcClient jdbc;
    private final Clock clock;
    private Map<GenerationStatus, Long> counts = Map.of();
    private Instant countedAt = Instant.MIN;

    StuckGenerations(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        for (GenerationStatus status : LIVE) {
            Gauge.builder("pipeline.generations.stuck", this, stuck -> stuck.count(status))
                    .description("Generations in a live status whose last event is older than the stuck threshold")
                    .tag("status", status.wireName())
                    .register(meters);
        }
    }

    private synchronized double count(GenerationStatus status) {
        Instant now = clock.instant();
        if (countedAt.plus(CACHED_FOR).isBefore(now)) {
            try {
                counts = count();
                countedAt = now;
            } catch (DataAccessException e) {
                log.debug("cannot count stuck generations", e);
                return Double.NaN;
            }
        }
        return counts.getOrDefault(status, 0L);
    }

    /** The stuck generations now, by status. */
    Map<GenerationStatus, Long> count() {
        Map<GenerationStatus, Long> byStatus = new EnumMap<>(GenerationStatus.class);
        jdbc.sql("select status, count(*) as stuck from stuck_jobs group by status")
                .query((rs, n) -> Map.entry(
                        GenerationStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getLong("stuck")))
                .list()
                .forEach(entry -> byStatus.put(entry.getKey(), entry.getValue()));
        return byStatus;
    }
}
