package io.picturepipeline.projection.lifecycle;

import static io.picturepipeline.projection.lifecycle.Histories.T0;
import static io.picturepipeline.projection.lifecycle.Histories.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.schemas.DeadLetterRef;
import io.picturepipeline.schemas.DeadLetterResolved;
import io.picturepipeline.schemas.DeadLettered;
import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.GenerationCompleted;
import io.picturepipeline.schemas.GenerationFailed;
import io.picturepipeline.schemas.GenerationStarted;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.StoredImage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

class LifecycleProjectionTest extends ProjectionIntegrationTest {

    private final UUID id = UUID.randomUUID();

    @Test
    void aPublishedHistoryEndsAsACompletedRowWithEveryTimestampAndImage() {
        List<PipelineEvent> history = Histories.completed(id);

        lifecycle().publish(history);

        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(status(id)));
        Map<String, Object> row = generation(id).orElseThrow();
        assertThat(row)
                .containsEntry("owner", "alice")
                .containsEntry("model", "black-forest-labs/flux-schnell")
                .containsEntry("prompt", "a lighthouse at dawn")
                .containsEntry("progress", 100)
                .containsEntry("prediction_id", "p-2")
                .containsEntry("attempts", 3)
                .containsEntry("requested_at", timestamp(T0))
                .containsEntry("started_at", timestamp(at(1)))
                .containsEntry("attempt_started_at", timestamp(at(4)))
                .containsEntry("generated_at", timestamp(at(7)))
                .containsEntry("completed_at", timestamp(at(9)))
                .containsEntry("last_event_at", timestamp(at(9)))
                .containsEntry("failed_at", null)
                .containsEntry("cancelled_at", null)
                .containsEntry("error_stage", null);
        assertThat(jdbc.sql("""
                                select parameters->>'negativePrompt' as negative, (parameters->>'numOutputs')::int as n,
                                       jsonb_array_length(images) as images, images->1->>'key' as second_key,
                                       (images->0->>'bytes')::bigint as first_bytes
                                from projection.generation where id = ?
                                """).param(id).query().singleRow())
                .containsEntry("negative", "blurry")
                .containsEntry("n", 2)
                .containsEntry("images", 2)
                .containsEntry("second_key", id + "/1.png")
                .containsEntry("first_bytes", 2048L);
        assertThat(history(id)).containsExactlyElementsOf(eventIds(history));
    }

    @Test
    void theWholeHistoryPublishedTwiceLeavesAnIdenticalRowAndOneHistoryRowPerEvent() {
        List<PipelineEvent> history = Histories.completed(id);
        awaitConsumed(lifecycle().publish(history));
        Map<String, Object> once = generation(id).orElseThrow();

        awaitConsumed(lifecycle().publish(history));

        assertThat(generation(id)).contains(once);
        assertThat(once).containsEntry("status", "completed").containsEntry("attempts", 3);
        assertThat(history(id)).hasSize(history.size()).containsExactlyElementsOf(eventIds(history));
    }

    @Test
    void anyOrderOfTheSameEventsEndsInTheSameRow() {
        UUID reordered = UUID.randomUUID();
        List<StoredImage> images = List.of(new StoredImage(0, "shared/0.png", "image/png", 10, null, null));
        List<PipelineEvent> inOrder = Histories.completed(id, images);
        List<PipelineEvent> shuffled = new ArrayList<>(Histories.completed(reordered, images));
        Collections.reverse(shuffled);
        shuffled.add(2, shuffled.get(5));

        RecordMetadata lastInOrder = lifecycle().publish(inOrder);
        awaitConsumed(lifecycle().publish(shuffled));
        awaitConsumed(lastInOrder);

        assertThat(withoutIdentity(generation(reordered).orElseThrow()))
                .isEqualTo(withoutIdentity(generation(id).orElseThrow()));
        assertThat(status(reordered)).isEqualTo("completed");
    }

    @Test
    void aCompletionAfterACancellationIsRecordedButLeavesItCancelled() {
        GenerationCompleted withItsOwnId = new GenerationCompleted(UUID.randomUUID(), id, at(8), 1, List.of());
        List<PipelineEvent> history = List.of(
                Histories.requested(id),
                GenerationStarted.of(id, at(1), "replicate", "p-1"),
                GenerationCancelled.of(id, at(2), "cancelled by owner"),
                GenerationCompleted.of(id, at(3), Histories.images(id)),
                withItsOwnId);

        awaitConsumed(lifecycle().publish(history));

        assertThat(generation(id).orElseThrow())
                .containsEntry("status", "cancelled")
                .containsEntry("cancel_reason", "cancelled by owner")
                .containsEntry("cancelled_at", timestamp(at(2)))
                .containsEntry("completed_at", null)
                .containsEntry("last_event_at", timestamp(at(2)));
        assertThat(jdbc.sql("select refused_reason from projection.generation_event where event_id = ?")
                        .param(withItsOwnId.eventId())
                        .query(String.class)
                        .single())
                .contains("already cancelled");
        assertThat(history(id)).hasSize(4);
    }

    @Test
    void aFailedGenerationKeepsTheStageClassAndMessageOfItsFailure() {
        awaitConsumed(lifecycle()
                .publish(List.of(
                        Histories.requested(id),
                        GenerationStarted.of(id, at(1), "replicate", "p-1"),
                        GenerationFailed.of(id, at(3), Stage.GENERATE, "ProviderRejected", "invalid prompt"))));

        assertThat(generation(id).orElseThrow())
                .containsEntry("status", "failed")
                .containsEntry("error_stage", "GENERATE")
                .containsEntry("error_class", "ProviderRejected")
                .containsEntry("error_message", "invalid prompt")
                .containsEntry("failed_at", timestamp(at(3)))
                .containsEntry("attempts", 1);
    }

    @Test
    void aDeadLetteredEventIsKeptForTheDeadLetterSummaryWithoutChangingTheStatus() {
        DeadLettered deadLettered = DeadLettered.of(
                id, at(3), Stage.GENERATE, "pipeline.generate-dlt", "ProviderRejected", "invalid prompt", 1);

        awaitConsumed(lifecycle()
                .publish(List.of(
                        Histories.requested(id), GenerationStarted.of(id, at(1), "replicate", "p-1"), deadLettered)));

        assertThat(status(id)).isEqualTo("processing");
        assertThat(jdbc.sql("select * from projection.dead_letter where event_id = ?")
                        .param(deadLettered.eventId())
                        .query()
                        .singleRow())
                .containsEntry("generation_id", id)
                .containsEntry("stage", "GENERATE")
                .containsEntry("dead_letter_topic", "pipeline.generate-dlt")
                .containsEntry("error_class", "ProviderRejected")
                .containsEntry("message", "invalid prompt")
                .containsEntry("attempts", 1)
                .containsEntry("occurred_at", timestamp(at(3)))
                .containsEntry("resolved_at", null)
                .containsEntry("replay_count", 0);
    }

    @Test
    void aResolutionPublishedBeforeItsDeadLetterStillClosesIt() {
        DeadLetterRef ref = DeadLetterRef.parse("pipeline.download-dlt:2:5");
        DeadLettered deadLettered = DeadLettered.of(id, at(3), Stage.DOWNLOAD, ref, "ImageGone", "HTTP 404", 4);

        awaitConsumed(lifecycle()
                .publish(List.of(
                        Histories.requested(id),
                        DeadLetterResolved.of(id, at(9), Stage.DOWNLOAD, ref, "bob", "image host gone"),
                        deadLettered)));

        assertThat(jdbc.sql("select * from projection.dead_letter where event_id = ?")
                        .param(deadLettered.eventId())
                        .query()
                        .singleRow())
                .containsEntry("resolution", "resolved")
                .containsEntry("resolved_at", timestamp(at(9)))
                .containsEntry("resolved_by", "bob")
                .containsEntry("dead_letter_ref", ref.toString());
        assertThat(generation(id).orElseThrow()).containsEntry("last_event_at", timestamp(at(9)));
    }

    private List<UUID> history(UUID generation) {
        return jdbc.sql(
                        "select event_id from projection.generation_event where generation_id = ? order by occurred_at, kafka_offset")
                .param(generation)
                .query(UUID.class)
                .list();
    }

    private static List<UUID> eventIds(List<PipelineEvent> events) {
        return events.stream().map(PipelineEvent::eventId).toList();
    }

    private static Map<String, Object> withoutIdentity(Map<String, Object> row) {
        Map<String, Object> facts = new HashMap<>(row);
        facts.remove("id");
        facts.remove("updated_at");
        return facts;
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }
}
