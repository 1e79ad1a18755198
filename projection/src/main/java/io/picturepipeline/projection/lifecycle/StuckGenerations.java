package io.picturepipeline.projection.lifecycle;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.projection.ProjectionSettings;
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
 * {@code pipeline.generations.stuck}: generations in a live status whose last event is older than
 * {@code pipeline.projection.stuck-after}, by status. A query on the read model, run at most every 30 seconds.
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
    private final Duration stuckAfter;
    private Map<GenerationStatus, Long> counts = Map.of();
    private Instant countedAt = Instant.MIN;

    StuckGenerations(JdbcClient jdbc, Clock clock, ProjectionSettings settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.stuckAfter = settings.stuckAfter();
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
                counts = countOlderThan(now.minus(stuckAfter));
                countedAt = now;
            } catch (DataAccessException e) {
                log.debug("cannot count stuck generations", e);
                return Double.NaN;
            }
        }
        return counts.getOrDefault(status, 0L);
    }

    /** Live generations by status whose last event happened before {@code cutoff}. */
    Map<GenerationStatus, Long> countOlderThan(Instant cutoff) {
        Map<GenerationStatus, Long> byStatus = new EnumMap<>(GenerationStatus.class);
        jdbc.sql("""
                        select status, count(*) as stuck from projection.generation
                        where status in (:live) and last_event_at < :cutoff
                        group by status
                        """)
                .param("live", LIVE.stream().map(GenerationStatus::wireName).toList())
                .param("cutoff", Timestamps.of(cutoff))
                .query((rs, n) -> Map.entry(
                        GenerationStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getLong("stuck")))
                .list()
                .forEach(entry -> byStatus.put(entry.getKey(), entry.getValue()));
        return byStatus;
    }
}
