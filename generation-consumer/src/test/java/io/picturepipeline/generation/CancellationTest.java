package io.picturepipeline.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.schemas.EventHeaders;
import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/** The owner's cancel (GenerationCancelled on the lifecycle topic) stops the prediction; no result follows it. */
class CancellationTest extends StageIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(3);

    @Test
    void aCancelDuringGenerationCancelsThePredictionAtTheProviderAndNoResultIsPublished() {
        GenerationRequested requested = request("a slow lighthouse [latency:PT10S]");
        UUID id = requested.generationId();
        publish(requested);
        String predictionId = runningPrediction(id);
        long cancelsBefore = PROVIDER.stats().cancels();

        cancel(id);

        await().atMost(PATIENCE).until(() -> status(id).equals("canceled"));
        assertThat(PROVIDER.stats().cancels()).isGreaterThan(cancelsBefore);
        assertThat(providerPredictions(requested.parameters().prompt()))
                .singleElement()
                .satisfies(prediction -> {
                    assertThat(prediction.path("id").asString()).isEqualTo(predictionId);
                    assertThat(prediction.path("status").asString()).isEqualTo("canceled");
                });
        await().during(QUIET)
                .atMost(QUIET.plusSeconds(5))
                .until(() -> topics().events(Topics.DOWNLOAD, id, ImagesGenerated.class)
                        .isEmpty());
    }

    @Test
    void aResultThatArrivesAfterTheCancelIsNeverPublished() {
        GenerationRequested requested = request("a lighthouse finishing late [latency:PT5S]");
        UUID id = requested.generationId();
        publish(requested);
        runningPrediction(id);
        postponeRegularPolls(id);
        // the cancel is known but has not reached the prediction row, as when it lands while a poll is under way;
        // recorded before the provider finishes, so the completion webhook's early poll cannot get ahead of it
        jdbc.sql("INSERT INTO generation.cancellation (generation_id, reason, cancelled_at) VALUES (:id, 'x', now())")
                .param("id", id)
                .update();
        await().atMost(PATIENCE)
                .until(() -> providerPredictions(requested.parameters().prompt()).stream()
                        .anyMatch(p -> p.path("status").asString().equals("succeeded")));
        // the poll that follows finds "succeeded" at the provider
        jdbc.sql("UPDATE generation.prediction SET next_poll_at = now() WHERE generation_id = :id")
                .param("id", id)
                .update();

        await().atMost(PATIENCE).until(() -> status(id).equals("canceled"));
        await().during(QUIET)
                .atMost(QUIET.plusSeconds(5))
                .until(() -> topics().events(Topics.DOWNLOAD, id, ImagesGenerated.class)
                                .isEmpty()
                        && topics().events(Topics.LIFECYCLE, id, ImagesGenerated.class)
                                .isEmpty());
    }

    @Test
    void aGenerationCancelledBeforeItStartedCreatesNoPrediction() {
        GenerationRequested requested = request("a lighthouse nobody wants");
        UUID id = requested.generationId();

        cancel(id);
        await().atMost(PATIENCE)
                .until(() -> jdbc.sql("SELECT count(*) FROM generation.cancellation WHERE generation_id = :id")
                                .param("id", id)
                                .query(Integer.class)
                                .single()
                        == 1);
        RecordMetadata record = publish(requested);
        awaitConsumed(record);

        assertThat(status(id)).isEqualTo("absent");
        assertThat(providerPredictions(requested.parameters().prompt())).isEmpty();
    }

    private static void cancel(UUID id) {
        GenerationCancelled cancelled = GenerationCancelled.of(id, Instant.now(), "cancelled by owner");
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.LIFECYCLE, id.toString(), CODEC.encode(cancelled));
        record.headers().add(EventHeaders.TYPE, cancelled.type().getBytes(StandardCharsets.UTF_8));
        send(record);
    }
}
