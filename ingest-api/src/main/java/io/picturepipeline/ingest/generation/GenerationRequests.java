package io.picturepipeline.ingest.generation;

import io.picturepipeline.ingest.outbox.Outbox;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records accepted generations in the caller's transaction: each one's {@code generation_request} row and its {@code
 * GenerationRequested} in the outbox, for the lifecycle and the generate topic, in one statement (the rows as a
 * data-modifying {@code with} of the outbox's insert), so a submission costs one round trip for both. The one writer
 * of that table, for a single submission and a batch alike.
 */
@Component
public class GenerationRequests {

    private static final List<String> REQUESTED_TOPICS = List.of(Topics.LIFECYCLE, Topics.GENERATE);

    /** The items' rows, from arrays in item order; the owner and the instant are the same for all of them. */
    private static final String INSERT_REQUESTS = """
            requests as (
                insert into ingest.generation_request
                    (id, owner, parameters, created_at, parent_id, batch_id, batch_position)
                select r.id, :owner, cast(r.parameters as jsonb), :createdAt, r.parent_id, r.batch_id, r.position
                from unnest(cast(:requestIds as uuid[]), cast(:parameters as text[]), cast(:parentIds as uuid[]),
                            cast(:batchIds as uuid[]), cast(:positions as integer[]))
                         as r(id, parameters, parent_id, batch_id, position)
            )
            """;

    private final Outbox outbox;
    private final JsonMapper json;

    GenerationRequests(Outbox outbox, JsonMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(GenerationRequested requested) {
        insert(List.of(requested), false);
    }

    /**
     * A batch's items, in item order, numbered from 1 ({@code batch_position}): their rows and their outbox rows in
     * one statement, so accepting 50 costs no more round trips than accepting one. Every item has the same owner and
     * instant.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<GenerationRequested> items) {
        insert(items, true);
    }

    private void insert(List<GenerationRequested> items, boolean numbered) {
        GenerationRequested first = items.get(0);
        outbox.enqueueAll(
                items,
                REQUESTED_TOPICS,
                INSERT_REQUESTS,
                Map.of(
                        "owner", first.owner(),
                        "createdAt", OffsetDateTime.ofInstant(first.occurredAt(), ZoneOffset.UTC),
                        "requestIds",
                                items.stream()
                                        .map(item -> text(item.generationId()))
                                        .toArray(String[]::new),
                        "parameters",
                                items.stream()
                                        .map(item -> json.writeValueAsString(item.parameters()))
                                        .toArray(String[]::new),
                        "parentIds",
                                items.stream()
                                        .map(item -> text(item.parentId()))
                                        .toArray(String[]::new),
                        "batchIds",
                                items.stream().map(item -> text(item.batchId())).toArray(String[]::new),
                        "positions",
                                IntStream.range(0, items.size())
                                        .mapToObj(i -> numbered ? Integer.valueOf(i + 1) : null)
                                        .toArray(Integer[]::new)));
    }

    private static @Nullable String text(@Nullable UUID id) {
        return id == null ? null : id.toString();
    }
}
