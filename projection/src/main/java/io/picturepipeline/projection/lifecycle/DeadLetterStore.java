package io.picturepipeline.projection.lifecycle;

import io.picturepipeline.schemas.DeadLetterRef;
import io.picturepipeline.schemas.DeadLetterReplayed;
import io.picturepipeline.schemas.DeadLetterResolved;
import io.picturepipeline.schemas.DeadLettered;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.EventIds;
import io.picturepipeline.schemas.PipelineEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code dead_letter}: one row per {@link DeadLettered} event, open until ops replay it ({@link DeadLetterReplayed})
 * or resolve it ({@link DeadLetterResolved}). Those name the dead letter by its {@link DeadLetterRef}, from which the
 * retry policy derives the {@code DeadLettered} event's id. The earliest action decides the resolution and the replay
 * count only grows, so actions give the same row in any order, also before their dead letter is known.
 */
@Component
class DeadLetterStore {

    private static final String INSERT = """
            insert into dead_letter
                (event_id, generation_id, stage, dead_letter_topic, error_class, message, attempts, occurred_at,
                 recorded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (event_id) do nothing
            """;

    /** The earliest action by time decides the resolution (a tie goes to the first resolution by name). */
    private static final String ACTION = """
            update dead_letter set
                dead_letter_ref = :ref,
                replay_count = greatest(replay_count, :replayCount),
                resolution = case when %1$s then :resolution else resolution end,
                resolved_by = case when %1$s then :by else resolved_by end,
                resolution_reason = case when %1$s then :reason else resolution_reason end,
                resolved_at = case when %1$s then :at else resolved_at end
            where event_id = :deadLetter
            """.formatted(
                    "(resolved_at is null or :at < resolved_at or (:at = resolved_at and :resolution < resolution))");

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final EventCodec codec;

    DeadLetterStore(JdbcTemplate jdbc, JdbcClient client, EventCodec codec) {
        this.jdbc = jdbc;
        this.client = client;
        this.codec = codec;
    }

    /**
     * Records new dead letters and what ops did with them. An action may have been recorded before its dead letter
     * (it is in the event log then): the actions of every generation with a new dead letter are applied again.
     */
    void record(List<DeadLettered> deadLetters, List<PipelineEvent> actions, Instant now) {
        if (!deadLetters.isEmpty()) {
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
        List<PipelineEvent> all = new ArrayList<>(actions);
        all.addAll(recordedActions(
                deadLetters.stream().map(DeadLettered::generationId).collect(Collectors.toSet())));
        all.forEach(this::apply);
    }

    private List<PipelineEvent> recordedActions(Set<UUID> generations) {
        if (generations.isEmpty()) {
            return List.of();
        }
        return client.sql("""
                        select payload from generation_event
                        where generation_id in (:ids) and type in ('DeadLetterReplayed', 'DeadLetterResolved')
                        """)
                .param("ids", generations)
                .query((rs, n) -> codec.decode(rs.getString("payload").getBytes(StandardCharsets.UTF_8)))
                .list();
    }

    private void apply(PipelineEvent action) {
        if (action instanceof DeadLetterReplayed replayed) {
            apply(
                    replayed,
                    replayed.deadLetterRef(),
                    replayed.replayCount(),
                    "replayed",
                    replayed.by(),
                    replayed.reason());
        } else if (action instanceof DeadLetterResolved resolved) {
            apply(resolved, resolved.deadLetterRef(), 0, "resolved", resolved.by(), resolved.reason());
        } else {
            throw new IllegalArgumentException("not an action on a dead letter: " + action.type());
        }
    }

    private void apply(PipelineEvent action, String ref, int replayCount, String resolution, String by, String reason) {
        DeadLetterRef deadLetter = DeadLetterRef.parse(ref);
        client.sql(ACTION)
                .param("ref", deadLetter.toString())
                .param("replayCount", replayCount)
                .param("resolution", resolution)
                .param("by", by)
                .param("reason", reason)
                .param("at", Timestamps.of(action.occurredAt()))
                .param("deadLetter", EventIds.forFact(action.generationId(), "dead-lettered/" + deadLetter))
                .update();
    }
}
