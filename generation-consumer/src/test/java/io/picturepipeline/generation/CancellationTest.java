package io.picturepipeline.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.schemas.EventHeaders;
import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.Topics;
import java.net.http.HttpResponse;
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
        // the row's update commits before the provider is asked to cancel: wait for the provider's word
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(PROVIDER.stats().cancels()).isGreaterThan(cancelsBefore));
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

    // A cancel that has reached generation.cancellation but not yet the prediction row, as when it lands while the
    // provider's word is being handled: whatever brings the result next (a webhook, a poll) must find it. Progress
    // webhooks would find it first (and cancel the prediction at the provider), so both cases below bring the result
    // before any other word of the provider can come.

    @Test
    void aResultArrivingByWebhookAfterTheCancelIsNeverPublished() throws Exception {
        // ten minutes at the provider: its own start and logs webhooks come much later than the test's delivery
        GenerationRequested requested = request("a lighthouse finishing after its cancel [latency:PT10M]");
        UUID id = requested.generationId();
        publish(requested);
        String predictionId = runningPrediction(id);
        recordCancelOnly(id);

        HttpResponse<String> delivery =
                WebhookTest.deliverSigned("""
                {"id": "%s", "status": "succeeded", "output": ["%s/files/%s/0.png"]}
                """.formatted(predictionId, PROVIDER.baseUrl(), predictionId));

        assertThat(delivery.statusCode()).isEqualTo(204);
        await().atMost(PATIENCE).until(() -> status(id).equals("canceled"));
        assertThat(providerPredictions(requested.parameters().prompt()))
                .singleElement()
                .satisfies(prediction ->
                        assertThat(prediction.path("status").asString()).isEqualTo("canceled"));
        assertNoResultPublished(id);
    }

    @Test
    void aResultFoundByAPollAfterTheCancelIsNeverPublished() {
        // created without a webhook: only a poll can bring its result
        GenerationRequested requested = request("a lighthouse polled after its cancel");
        UUID id = requested.generationId();
        String predictionId =
                RecoveryTest.createAtProvider(requested.parameters().prompt());
        jdbc.sql("""
                        INSERT INTO generation.prediction
                            (generation_id, owner, provider, model, prediction_id, status, create_token,
                             width, height, num_outputs, started_at, next_poll_at)
                        VALUES (:id, 'alice', 'replicate', 'stability-ai/sdxl', :prediction, 'running',
                                gen_random_uuid(), 512, 512, 1, now(), now() + interval '1 hour')
                        """).param("id", id).param("prediction", predictionId).update();
        recordCancelOnly(id);
        await().atMost(PATIENCE)
                .until(() -> providerPredictions(requested.parameters().prompt()).stream()
                        .anyMatch(p -> p.path("status").asString().equals("succeeded")));

        jdbc.sql("UPDATE generation.prediction SET next_poll_at = now() WHERE generation_id = :id")
                .param("id", id)
                .update();

        await().atMost(PATIENCE).until(() -> status(id).equals("canceled"));
        assertNoResultPublished(id);
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

    private void recordCancelOnly(UUID id) {
        jdbc.sql("INSERT INTO generation.cancellation (generation_id, reason, cancelled_at) VALUES (:id, 'x', now())")
                .param("id", id)
                .update();
    }

    private static void assertNoResultPublished(UUID id) {
        await().during(QUIET)
                .atMost(QUIET.plusSeconds(5))
                .until(() -> topics().events(Topics.DOWNLOAD, id, ImagesGenerated.class)
                                .isEmpty()
                        && topics().events(Topics.LIFECYCLE, id, ImagesGenerated.class)
                                .isEmpty());
    }

    private static void cancel(UUID id) {
        GenerationCancelled cancelled = GenerationCancelled.of(id, Instant.now(), "cancelled by owner");
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.LIFECYCLE, id.toString(), CODEC.encode(cancelled));
        record.headers().add(EventHeaders.TYPE, cancelled.type().getBytes(StandardCharsets.UTF_8));
        send(record);
    }
}
