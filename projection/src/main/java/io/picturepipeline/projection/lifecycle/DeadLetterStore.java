package io.picturepipeline.projection.lifecycle;

import io.picturepipeline.schemas.DeadLettered;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code projection.dead_letter}: one row per {@link DeadLettered} event, unresolved until ops resolve it. */
@Component
class DeadLetterStore {

    private static final String INSERT = """
            insert into projection.dead_letter
                (event_id, generation_id, stage, dead_letter_topic, error_class, message, attempts, occurred_at,
                 recorded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (event_id) do nothing
            """;

    private final JdbcTemplate jdbc;

    DeadLetterStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(List<DeadLettered> deadLetters, Instant now) {
        if (deadLetters.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                INSERT,
                deadLetters.stream()
                        .map(d -> new Object[] {
                            d.eventId(),
                            d.generationId(),
                            d.stage().name(),
                            d.deadLetterTopic(),
                            d.errorClass(),
                            d.message(),
                            d.attempts(),
                            Timestamps.of(d.occurredAt()),
                            Timestamps.of(now)
                        })
                        .toList());
    }
}
