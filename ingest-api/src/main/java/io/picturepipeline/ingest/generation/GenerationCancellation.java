package io.picturepipeline.ingest.generation;

import io.picturepipeline.ingest.outbox.Outbox;
import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.GenerationStatus;
import io.picturepipeline.schemas.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owner's cancel: {@code GenerationCancelled} goes to the lifecycle topic through the outbox, with the same
 * durability as a submission. Its event id is the generation's terminal fact id, so it and a completion or failure
 * exclude each other (the projection keeps the first terminal fact). The generation-consumer cancels the provider's
 * prediction when it sees it; the download-consumer stores and completes nothing after it.
 */
@Service
public class GenerationCancellation {

    static final String REASON = "cancelled by owner";

    private final GenerationQueries queries;
    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final Clock clock;

    GenerationCancellation(GenerationQueries queries, Outbox outbox, JdbcClient jdbc, Clock clock) {
        this.queries = queries;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Asks for the cancel of a live generation of {@code owner}; asking again publishes nothing new. Throws 404 for
     * anything that is not the owner's and 409 for a generation that has already ended.
     */
    @Transactional
    public void cancel(UUID id, String owner) {
        GenerationView view = queries.find(id, owner).orElseThrow(() -> new GenerationNotFound(id));
        GenerationStatus status = GenerationStatus.valueOf(view.status().toUpperCase(Locale.ROOT));
        if (status.isTerminal()) {
            throw new GenerationAlreadyEnded(id, status);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int first = jdbc.sql("""
                        insert into ingest.cancellation (generation_id, owner, requested_at) values (:id, :owner, :at)
                        on conflict (generation_id) do nothing
                        """)
                .param("id", id)
                .param("owner", owner)
                .param("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
        if (first == 1) {
            outbox.enqueue(GenerationCancelled.of(id, now, REASON), List.of(Topics.LIFECYCLE));
        }
    }
}
