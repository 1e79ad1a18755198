package io.picturepipeline.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** State is derived from the injected clock: moving the clock moves the prediction along. */
class ClockDrivenStateTest {

    private final MutableClock clock = new MutableClock();
    private LocalProvider provider;
    private ProviderClient client;

    @BeforeEach
    void start() {
        provider = LocalProvider.start(LocalProviderSettings.defaults()
                .withLatency(Duration.ofSeconds(10))
                .withClock(clock));
        client = new ProviderClient(provider.baseUrl());
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void predictionMovesFromStartingToProcessingToSucceededAsTheClockAdvances() {
        String id = client.create(ProviderClient.input("a tree").put("seed", 42))
                .path("id")
                .asString();

        clock.advance(Duration.ofMillis(500));
        assertThat(poll(id).path("status").asString()).isEqualTo("starting");

        clock.advance(Duration.ofSeconds(1));
        JsonNode processing = poll(id);
        assertThat(processing.path("status").asString()).isEqualTo("processing");
        assertThat(processing.path("started_at").asString()).isEqualTo("2030-01-01T12:00:01Z");
        assertThat(processing.path("completed_at").isNull()).isTrue();

        clock.advance(Duration.ofSeconds(9));
        JsonNode done = poll(id);
        assertThat(done.path("status").asString()).isEqualTo("succeeded");
        assertThat(done.path("completed_at").asString()).isEqualTo("2030-01-01T12:00:10Z");
        assertThat(done.path("metrics").path("predict_time").asDouble()).isEqualTo(9.0);
    }

    @Test
    void logsGrowByOneProgressLinePerFinishedStepWhileProcessing() {
        String id = client.create(ProviderClient.input("a tree").put("seed", 42).put("num_inference_steps", 4))
                .path("id")
                .asString();

        clock.advance(Duration.ofMillis(5_500)); // processing runs 1s..10s: halfway
        String halfway = poll(id).path("logs").asString();

        assertThat(halfway.lines())
                .containsExactly(
                        "Using seed: 42",
                        "  25%|██        | 1/4 [00:02<00:07,  0.44it/s]",
                        "  50%|█████     | 2/4 [00:05<00:05,  0.44it/s]");

        clock.advance(Duration.ofSeconds(5));
        assertThat(poll(id).path("logs").asString().lines())
                .hasSize(5)
                .last(InstanceOfAssertFactories.STRING)
                .contains("100%|██████████| 4/4");
    }

    @Test
    void latencyPromptTriggerOverridesTheConfiguredLatency() {
        String fast = client.create(ProviderClient.input("quick [latency:PT1S]"))
                .path("id")
                .asString();
        String normal = client.create(ProviderClient.input("normal")).path("id").asString();

        clock.advance(Duration.ofSeconds(1));

        assertThat(poll(fast).path("status").asString()).isEqualTo("succeeded");
        assertThat(poll(normal).path("status").asString()).isEqualTo("processing");
    }

    @Test
    void runtimeLatencyChangeAppliesToNewPredictions() {
        provider.faults(Faults.none().withLatency(Duration.ofSeconds(2)));
        String id = client.create(ProviderClient.input("a tree")).path("id").asString();

        clock.advance(Duration.ofSeconds(2));

        assertThat(poll(id).path("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void progressLineLooksLikeReplicateDiffusionLogs() {
        assertThat(ProgressLogs.line(2, 4, Duration.ofMillis(2105)))
                .isEqualTo("  50%|█████     | 2/4 [00:01<00:01,  1.90it/s]");
    }

    private JsonNode poll(String id) {
        return client.get("/v1/predictions/" + id).json();
    }
}
