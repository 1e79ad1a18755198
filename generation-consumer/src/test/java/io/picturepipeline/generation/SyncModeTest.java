package io.picturepipeline.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.GenerationStarted;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sync mode ({@code Prefer: wait}): a prediction that ends within the wait is the create call's answer. */
class SyncModeTest extends StageIntegrationTest {

    @Test
    void fastPredictionCompletesFromTheCreateAnswerWithoutAnyPoll() {
        // 300 ms at the provider, a 2 s sync wait: the create answer is already "succeeded"
        GenerationRequested requested = request("a quick lighthouse");
        UUID id = requested.generationId();

        publish(requested);

        ImagesGenerated generated = await().atMost(Duration.ofSeconds(60))
                .until(() -> topics().events(Topics.DOWNLOAD, id, ImagesGenerated.class), e -> e.size() == 1)
                .get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id), "done"::equals);
        assertThat(polls(id)).as("polls of this prediction").isZero();
        List<PipelineEvent> lifecycle = await().atMost(Duration.ofSeconds(10))
                .until(() -> topics().events(Topics.LIFECYCLE, id), e -> e.contains(generated));
        assertThat(lifecycle.get(0)).isInstanceOf(GenerationStarted.class);
        assertThat(providerPredictions(requested.parameters().prompt())).hasSize(1);
    }

    @Test
    void predictionWhoseWebhookNeverComesCompletesByPolling() {
        // created without a webhook (an older create, or a lost delivery): only the poller can finish it
        GenerationRequested requested = request("a lighthouse nobody announces");
        UUID id = requested.generationId();
        String predictionId =
                RecoveryTest.createAtProvider(requested.parameters().prompt());
        jdbc.sql("""
                        INSERT INTO generation.prediction
                            (generation_id, owner, provider, model, prediction_id, status, create_token,
                             width, height, num_outputs, started_at, next_poll_at)
                        VALUES (:id, 'alice', 'replicate', 'stability-ai/sdxl', :prediction, 'running',
                                gen_random_uuid(), 512, 512, 1, now(), now() + interval '200 milliseconds')
                        """).param("id", id).param("prediction", predictionId).update();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> topics().records(Topics.DOWNLOAD, id).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id), "done"::equals);
        assertThat(polls(id)).as("polls of this prediction").isPositive();
    }
}
