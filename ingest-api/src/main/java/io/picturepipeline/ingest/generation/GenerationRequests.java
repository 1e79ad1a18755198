package io.picturepipeline.ingest.generation;

import io.picturepipeline.ingest.outbox.Outbox;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records accepted generations in the caller's transaction: each one's {@code generation_request} row through its
 * entity and its {@code GenerationRequested} in the outbox, for the lifecycle and the generate topic. The one writer
 * of that table, for a single submission and a batch alike.
 */
@Component
public class GenerationRequests {

    private static final List<String> REQUESTED_TOPICS = List.of(Topics.LIFECYCLE, Topics.GENERATE);

    private final GenerationRequestRepository rows;
    private final Outbox outbox;
    private final JsonMapper json;

    GenerationRequests(GenerationRequestRepository rows, Outbox outbox, JsonMapper json) {
        this.rows = rows;
        this.outbox = outbox;
        this.json = json;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(GenerationRequested requested) {
        rows.save(new GenerationRequest(requested, json.writeValueAsString(requested.parameters()), null));
        outbox.enqueue(requested, REQUESTED_TOPICS);
    }

    /**
     * A batch's items, in item order: their rows go in one JDBC batch ({@code hibernate.jdbc.batch_size}), their
     * outbox rows in one statement, so accepting 50 costs no more round trips than accepting one.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<GenerationRequested> items) {
        List<GenerationRequest> batch = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            GenerationRequested item = items.get(i);
            batch.add(new GenerationRequest(item, json.writeValueAsString(item.parameters()), i + 1));
        }
        rows.saveAll(batch);
        outbox.enqueueAll(items, REQUESTED_TOPICS);
    }
}
