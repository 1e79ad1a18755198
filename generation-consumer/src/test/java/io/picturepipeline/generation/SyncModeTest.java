package io.picturepipeline.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.generation.provider.ModelPace;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.GenerationStarted;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sync mode ({@code Prefer: wait}): a prediction that ends within the wait is the create call's answer — for a model
 * whose recent predictions ended within it; a model known to be slow is created without a wait ({@link ModelPace}).
 * Each test has a model of its own (the other tests use SDXL), so what other tests' predictions teach the pace of SDXL
 * cannot change the mode these see.
 */
class SyncModeTest extends StageIntegrationTest {

    private static final String FAST_MODEL = "black-forest-labs/flux-schnell";
    static final String SLOW_MODEL = "bytedance/sdxl-lightning-4step";

    @Autowired
    private ModelPace pace;

    @Autowired
    private MeterRegistry registry;

    @Test
    void fastPredictionCompletesFromTheCreateAnswerWithoutAnyPoll() {
        // 300 ms at the provider, a 2 s sync wait: the create answer is already "succeeded"
        pace.forget(FAST_MODEL);
        double syncCreates = creates(registry, FAST_MODEL, "sync");
        GenerationRequested requested = request(FAST_MODEL, "a quick lighthouse");
        UUID id = requested.generationId();

        publish(requested);

        ImagesGenerated generated = await().atMost(Duration.ofSeconds(60))
                .until(() -> topics().events(Topics.DOWNLOAD, id, ImagesGenerated.class), e -> e.size() == 1)
                .get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id), "done"::equals);
        assertThat(polls(id)).as("polls of this prediction").isZero();
        assertThat(creates(registry, FAST_MODEL, "sync"))
                .as("sync-mode creates")
                .isEqualTo(syncCreates + 1);
        List<PipelineEvent> lifecycle = await().atMost(Duration.ofSeconds(10))
                .until(() -> topics().events(Topics.LIFECYCLE, id), e -> e.contains(generated));
        assertThat(lifecycle.get(0)).isInstanceOf(GenerationStarted.class);
        assertThat(providerPredictions(requested.parameters().prompt())).hasSize(1);
        assertThat(pace.syncMode(FAST_MODEL)).as("still a fast model").isTrue();
    }

    @Test
    void slowModelIsCreatedWithoutWaitingOnceItsRecentPredictionsOutlastedTheWait() {
        // 4 s at the provider, a 2 s sync wait: the first create (nothing known yet) waits and is answered "starting"
        pace.forget(SLOW_MODEL);
        double syncCreates = creates(registry, SLOW_MODEL, "sync");
        double asyncCreates = creates(registry, SLOW_MODEL, "async");
        GenerationRequested first = request(SLOW_MODEL, "a slow lighthouse [latency:PT4S]");
        publish(first);
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        topics().records(Topics.DOWNLOAD, first.generationId()).size() == 1);
        assertThat(creates(registry, SLOW_MODEL, "sync"))
                .as("the first create, in sync mode")
                .isEqualTo(syncCreates + 1);
        assertThat(pace.syncMode(SLOW_MODEL)).as("known slow now").isFalse();

        GenerationRequested second = request(SLOW_MODEL, "another slow lighthouse [latency:PT4S]");
        publish(second);
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        topics().records(Topics.DOWNLOAD, second.generationId()).size() == 1);
        assertThat(creates(registry, SLOW_MODEL, "async"))
                .as("the second create, without a wait")
                .isEqualTo(asyncCreates + 1);
        assertThat(creates(registry, SLOW_MODEL, "sync"))
                .as("no other sync-mode create")
                .isEqualTo(syncCreates + 1);
        assertThat(polls(second.generationId()))
                .as("settled by the webhook, not polled")
                .isZero();
        assertThat(providerPredictions(second.parameters().prompt())).hasSize(1);
    }

    static double creates(MeterRegistry registry, String model, String mode) {
        Counter counter = registry.find("pipeline.provider.creates")
                .tag("model", model)
                .tag("mode", mode)
                .counter();
        return counter == null ? 0 : counter.count();
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
