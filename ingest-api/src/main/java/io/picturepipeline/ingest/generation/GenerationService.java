package io.picturepipeline.ingest.generation;

import io.picturepipeline.ingest.outbox.Outbox;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepting a generation is one database transaction: the request row and its {@code GenerationRequested} in the
 * outbox (for the generate topic and the lifecycle topic). The commit is the acceptance; Kafka follows.
 */
@Service
public class GenerationService {

    private static final List<String> REQUESTED_TOPICS = List.of(Topics.GENERATE, Topics.LIFECYCLE);

    private final GenerationRequestRepository requests;
    private final Outbox outbox;
    private final JsonMapper json;
    private final Clock clock;

    GenerationService(GenerationRequestRepository requests, Outbox outbox, JsonMapper json, Clock clock) {
        this.requests = requests;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** Records the request and its event; returns the new generation's id. */
    @Transactional
    public UUID submit(String owner, GenerationParameters parameters) {
        UUID id = UUID.randomUUID();
        // PostgreSQL keeps microseconds: the event and the row carry the very same instant
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        requests.save(new GenerationRequest(id, owner, json.writeValueAsString(parameters), now));
        outbox.enqueue(GenerationRequested.of(id, now, owner, parameters), REQUESTED_TOPICS);
        return id;
    }
}
