package io.picturepipeline.projection.lifecycle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code generation_hourly}: generations per hour (UTC) of their request and of their terminal event, kept in the
 * batch's transaction from the difference between each row before and after the batch. A timestamp that moves takes
 * its count along, so every column always equals the count over {@code generation}.
 */
@Component
class GenerationHourly {

    private static final List<Function<GenerationRow, @Nullable Instant>> COUNTED = List.of(
            GenerationRow::requestedAt,
            GenerationRow::completedAt,
            GenerationRow::failedAt,
            GenerationRow::cancelledAt);

    private static final String ADD = """
            insert into generation_hourly as h (hour, requested, completed, failed, cancelled)
            values (?, ?, ?, ?, ?)
            on conflict (hour) do update set
                requested = h.requested + excluded.requested,
                completed = h.completed + excluded.completed,
                failed = h.failed + excluded.failed,
                cancelled = h.cancelled + excluded.cancelled
            """;

    private final JdbcTemplate jdbc;

    GenerationHourly(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A generation as locked at the start of the batch ({@code before}) and as written at its end. */
    record Change(GenerationRow before, GenerationRow after) {}

    void record(Collection<Change> changes) {
        Map<Instant, long[]> deltas = deltas(changes);
        if (!deltas.isEmpty()) {
            jdbc.batchUpdate(
                    ADD,
                    deltas.entrySet().stream()
                            .map(d -> new Object[] {
                                Timestamps.of(d.getKey()),
                                d.getValue()[0],
                                d.getValue()[1],
                                d.getValue()[2],
                                d.getValue()[3]
                            })
                            .toList());
        }
    }

    /** Per hour, what to add to requested, completed, failed and cancelled; in hour order, without zero rows. */
    static Map<Instant, long[]> deltas(Collection<Change> changes) {
        Map<Instant, long[]> deltas = new TreeMap<>();
        for (Change change : changes) {
            for (int column = 0; column < COUNTED.size(); column++) {
                Instant before = COUNTED.get(column).apply(change.before());
                Instant after = COUNTED.get(column).apply(change.after());
                if (before != null) {
                    deltas.computeIfAbsent(hour(before), h -> new long[COUNTED.size()])[column]--;
                }
                if (after != null) {
                    deltas.computeIfAbsent(hour(after), h -> new long[COUNTED.size()])[column]++;
                }
            }
        }
        deltas.values().removeIf(counts -> Arrays.stream(counts).allMatch(count -> count == 0));
        return deltas;
    }

    static Instant hour(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }
}
