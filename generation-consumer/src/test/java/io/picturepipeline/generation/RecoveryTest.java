package io.picturepipeline.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.schemas.GenerationFailed;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.GenerationStarted;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the service finds after a crash, set up directly in its table: rows a dead process left in each state, with
 * predictions that really exist at the provider.
 */
class RecoveryTest extends StageIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void interruptedCreateIsTakenOverByTheRedeliveryAndCompletesWithOnePrediction() {
        GenerationRequested requested = request("a lighthouse, create interrupted");
        UUID id = requested.generationId();
        insertRow(id, "creating", null, "now() + interval '1 hour'", null);

        publish(requested);

        await().atMost(PATIENCE)
                .until(() -> topics().records(Topics.DOWNLOAD, id).size() == 1);
        assertThat(providerPredictions(requested.parameters().prompt())).hasSize(1);
        // the row changes after its event is published: awaited, not read once
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id), "done"::equals);
    }

    @Test
    void interruptedCreateThatTheProviderAcceptedIsFoundInItsListAndUsedInsteadOfASecondOne() {
        GenerationRequested requested = request("a lighthouse, created before the crash");
        UUID id = requested.generationId();
        // the call the dead process made: accepted by the provider, its answer never recorded
        String predictionId = createAtProvider(requested.parameters().prompt(), id);
        insertRow(id, "creating", null, "now() + interval '1 hour'", null);
        long createRequestsBefore = PROVIDER.stats().createRequests();

        publish(requested);

        ImagesGenerated generated = await().atMost(PATIENCE)
                .until(() -> topics().events(Topics.DOWNLOAD, id, ImagesGenerated.class), e -> e.size() == 1)
                .get(0);
        assertThat(generated.predictionId()).isEqualTo(predictionId);
        assertThat(providerPredictions(requested.parameters().prompt())).hasSize(1);
        assertThat(PROVIDER.stats().createRequests()).isEqualTo(createRequestsBefore);
        assertThat(PROVIDER.stats().lists()).isPositive();
    }

    @Test
    void recordedButUnannouncedPredictionIsAnnouncedAndAwaitedWithoutANewCreate() {
        GenerationRequested requested = request("a lighthouse, recorded but not announced");
        UUID id = requested.generationId();
        String predictionId = createAtProvider(requested.parameters().prompt());
        insertRow(id, "created", predictionId, "now() + interval '1 hour'", null);

        publish(requested);

        await().atMost(PATIENCE)
                .until(() -> topics().events(Topics.LIFECYCLE, id, GenerationStarted.class), e -> !e.isEmpty());
        assertThat(topics().events(Topics.LIFECYCLE, id, GenerationStarted.class))
                .allSatisfy(started -> assertThat(started.predictionId()).isEqualTo(predictionId));
        await().atMost(PATIENCE).until(() -> status(id).equals("running"));
        jdbc.sql("UPDATE generation.prediction SET next_poll_at = now() WHERE generation_id = :id")
                .param("id", id)
                .update();
        ImagesGenerated generated = await().atMost(PATIENCE)
                .until(() -> topics().events(Topics.DOWNLOAD, id, ImagesGenerated.class), e -> e.size() == 1)
                .get(0);
        assertThat(generated.predictionId()).isEqualTo(predictionId);
        assertThat(providerPredictions(requested.parameters().prompt())).hasSize(1);
    }

    @Test
    void predictionRecordedWithoutItsRecordIsAnnouncedByThePoller() {
        GenerationRequested requested = request("a lighthouse, announced by the poller");
        UUID id = requested.generationId();
        String predictionId = createAtProvider(requested.parameters().prompt());

        insertRow(id, "created", predictionId, "now()", null);

        await().atMost(PATIENCE)
                .until(() -> topics().records(Topics.DOWNLOAD, id).size() == 1);
        // ImagesGenerated goes to the download topic first, then to the lifecycle topic
        List<?> lifecycle = await().atMost(PATIENCE)
                .until(
                        () -> topics().events(Topics.LIFECYCLE, id),
                        l -> !l.isEmpty() && l.get(l.size() - 1) instanceof ImagesGenerated);
        assertThat(lifecycle.get(0)).isInstanceOf(GenerationStarted.class);
    }

    @Test
    void predictionLeasedByADeadInstanceIsPolledOnceTheLeaseRunsOut() {
        GenerationRequested requested = request("a lighthouse, orphaned");
        UUID id = requested.generationId();
        String predictionId = createAtProvider(requested.parameters().prompt());

        insertRow(id, "running", predictionId, "now()", "now() + interval '5 seconds'");

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> polls(id) == 0);
        await().atMost(PATIENCE)
                .until(() -> topics().records(Topics.DOWNLOAD, id).size() == 1);
        // the result is published before the row is marked done
        await().atMost(PATIENCE).until(() -> "done".equals(status(id)));
    }

    @Test
    void predictionRunningLongerThanAllowedIsCancelledAndFailedWithProviderTimeout() {
        GenerationRequested requested = request("a lighthouse that never ends [latency:PT10M]");
        UUID id = requested.generationId();
        String predictionId = createAtProvider(requested.parameters().prompt());
        long cancelsBefore = PROVIDER.stats().cancels();

        insertRow(id, "running", predictionId, "now()", null, "now() - interval '1 day'");

        GenerationFailed failed = await().atMost(PATIENCE)
                .until(() -> topics().events(Topics.LIFECYCLE, id, GenerationFailed.class), e -> e.size() == 1)
                .get(0);
        assertThat(failed.errorClass()).isEqualTo("ProviderTimeout");
        // the row changes after its event is published: awaited, not read once
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id), "failed"::equals);
        assertThat(PROVIDER.stats().cancels()).isGreaterThan(cancelsBefore);
        assertThat(providerPredictions(requested.parameters().prompt()))
                .singleElement()
                .satisfies(p -> assertThat(p.path("status").asString()).isEqualTo("canceled"));
    }

    @Test
    void predictionTheProviderNoLongerKnowsFailsTheGeneration() {
        UUID id = UUID.randomUUID();

        insertRow(id, "running", "gone" + id.toString().substring(0, 8), "now()", null);

        GenerationFailed failed = await().atMost(PATIENCE)
                .until(() -> topics().events(Topics.LIFECYCLE, id, GenerationFailed.class), e -> e.size() == 1)
                .get(0);
        assertThat(failed.errorClass()).isEqualTo("PredictionNotFound");
        // the row changes after its event is published: awaited, not read once
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id), "failed"::equals);
    }

    private void insertRow(UUID id, String status, String predictionId, String nextPollAt, String leaseUntil) {
        insertRow(id, status, predictionId, nextPollAt, leaseUntil, "now()");
    }

    private void insertRow(
            UUID id, String status, String predictionId, String nextPollAt, String leaseUntil, String startedAt) {
        jdbc.sql("""
                        INSERT INTO generation.prediction
                            (generation_id, owner, provider, model, prediction_id, status, create_token,
                             width, height, num_outputs, started_at, next_poll_at, lease_until)
                        VALUES (:id, 'alice', 'replicate', 'stability-ai/sdxl', :prediction, :status, :token,
                                512, 512, 1, %s, %s, %s)
                        """.formatted(
                                predictionId == null ? "NULL" : startedAt,
                                nextPollAt,
                                leaseUntil == null ? "NULL" : leaseUntil))
                .param("id", id)
                .param("prediction", predictionId)
                .param("status", status)
                .param("token", UUID.randomUUID())
                .update();
    }

    /** A prediction created at the provider by "the process that died". */
    static String createAtProvider(String prompt) {
        return createAtProvider(prompt, null);
    }

    /** The same, carrying the generation id in its input the way the stage's create calls do. */
    static String createAtProvider(String prompt, UUID generationId) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(PROVIDER.baseUrl() + "/v1/models/stability-ai/sdxl/predictions"))
                            .header("Authorization", "Bearer " + PROVIDER_TOKEN)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(JSON.createObjectNode()
                                    .set(
                                            "input",
                                            JSON.createObjectNode()
                                                    .put("prompt", prompt)
                                                    .put("width", 512)
                                                    .put("height", 512)
                                                    .put(
                                                            "pp_generation_id",
                                                            generationId == null ? null : generationId.toString())))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(201);
            return JSON.readTree(response.body()).path("id").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
