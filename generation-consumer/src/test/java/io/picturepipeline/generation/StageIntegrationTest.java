package io.picturepipeline.generation;

import static io.picturepipeline.testsupport.RequestBuilder.aRequest;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.infra.Infrastructure;
import io.picturepipeline.provider.local.LocalProvider;
import io.picturepipeline.provider.local.LocalProviderSettings;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import io.picturepipeline.testsupport.TestInfrastructure;
import io.picturepipeline.testsupport.TopicEvents;
import io.picturepipeline.testsupport.TopicRecorder;
import io.picturepipeline.testsupport.TopicWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service on the real broker and PostgreSQL of {@link TestInfrastructure}, calling a local provider over
 * HTTP. Every subclass shares one application context (keep this configuration the only one).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"logging.level.org.apache.kafka=warn", "logging.level.kafka=warn"})
@ActiveProfiles("local")
@Import(StatementCounter.class)
abstract class StageIntegrationTest {

    static final Infrastructure INFRA = TestInfrastructure.shared();
    static final String PROVIDER_TOKEN = "local";
    /** The local provider's time; a test may move it forward (its predictions' deadlines pass). */
    static final ShiftedClock PROVIDER_CLOCK = new ShiftedClock();

    static final LocalProvider PROVIDER = LocalProvider.start(LocalProviderSettings.defaults()
            .withLatency(Duration.ofMillis(300))
            .withApiToken(PROVIDER_TOKEN)
            .withClock(PROVIDER_CLOCK));

    static final int PORT = freePort();
    static final EventCodec CODEC = new EventCodec();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String AT_CAPACITY = "50";

    private static TopicRecorder recorder;
    private static TopicWriter generate;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void pipeline(DynamicPropertyRegistry registry) {
        INFRA.postgres().ensureDatabase("picture");
        INFRA.springProperties("picture").forEach((key, value) -> registry.add(key, () -> value));
        registry.add("server.port", () -> PORT);
        registry.add("pipeline.generation.replicate.base-url", PROVIDER::baseUrl);
        registry.add("pipeline.generation.webhook-base-url", () -> "http://127.0.0.1:" + PORT);
        registry.add("pipeline.generation.first-poll", () -> "200ms");
        registry.add("pipeline.generation.poll-interval", () -> "500ms");
        // with the webhook on, polls are only a safety net: far apart, but within the tests' patience
        registry.add("pipeline.generation.webhook-poll-interval", () -> "10s");
        registry.add("pipeline.generation.replicate.sync-wait", () -> "2s");
        // a loaded test machine may take a moment to hand a fresh record over: still "keeping up"
        registry.add("pipeline.generation.sync-mode-max-age", () -> "5s");
        registry.add("pipeline.generation.poll-tick", () -> "100ms");
        // a capacity the admission tests can fill; ManyInFlightTest still sees far more than its threads in flight
        registry.add("pipeline.generation.max-in-flight", () -> AT_CAPACITY);
        // the provider budget is ProviderBudgetTest's: here max-in-flight alone is the stage's capacity
        registry.add("pipeline.generation.budget.creates", () -> "100000");
        registry.add("pipeline.generation.budget.calls", () -> "100000");
        registry.add("pipeline.generation.retry.initial-backoff", () -> "50ms");
        registry.add("pipeline.retry.tier-delays", () -> "200ms,400ms,600ms");
    }

    @BeforeEach
    void connect() {
        synchronized (StageIntegrationTest.class) {
            if (recorder == null) {
                recorder = new TopicRecorder(
                        INFRA.kafkaBootstrap(),
                        List.of(Topics.DOWNLOAD, Topics.LIFECYCLE, Topics.deadLetter(Topics.GENERATE)));
                generate = new TopicWriter(INFRA.kafkaBootstrap());
            }
        }
    }

    static TopicRecorder topics() {
        return recorder;
    }

    /** A request for a small SDXL image; the prompt names the generation, so provider-side lookups are exact. */
    static GenerationRequested request(String prompt) {
        return aRequest().promptNamingTheId(prompt).build();
    }

    /** As {@link #request(String)}, for another model: FLUX Schnell at 1024x1024 (its 1:1), the others at 512x512. */
    static GenerationRequested request(String model, String prompt) {
        int side = model.startsWith("black-forest-labs/") ? 1024 : 512;
        return aRequest()
                .promptNamingTheId(prompt)
                .model(model)
                .size(side, side)
                .steps(4, 0)
                .build();
    }

    /** Keyed by the generation id, with the type header, as the relay publishes it; returns once the broker has it. */
    static RecordMetadata publish(GenerationRequested requested) {
        return generate.publish(Topics.GENERATE, requested);
    }

    static RecordMetadata send(ProducerRecord<String, byte[]> record) {
        return generate.send(record);
    }

    /** Waits until the service's consumer group has committed past {@code record}. */
    static void awaitConsumed(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        TopicEvents topics = new TopicEvents(INFRA.kafkaBootstrap());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> topics.committedOffset("generation-consumer", partition) > record.offset());
    }

    /** The provider's predictions whose prompt is exactly this one (from its newest 100). */
    static List<JsonNode> providerPredictions(String prompt) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(PROVIDER.baseUrl() + "/v1/predictions"))
                            .header("Authorization", "Bearer " + PROVIDER_TOKEN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body())
                    .path("results")
                    .valueStream()
                    .filter(p -> prompt.equals(p.path("input").path("prompt").asString("")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String status(UUID generationId) {
        return jdbc.sql("SELECT status FROM generation.prediction WHERE generation_id = :id")
                .param("id", generationId)
                .query(String.class)
                .optional()
                .orElse("absent");
    }

    /** The service's prediction id of a generation, once it is running. */
    String runningPrediction(UUID generationId) {
        return await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> jdbc.sql("SELECT prediction_id FROM generation.prediction"
                                        + " WHERE generation_id = :id AND status = 'running'")
                                .param("id", generationId)
                                .query(String.class)
                                .optional()
                                .orElse(null),
                        Objects::nonNull);
    }

    int polls(UUID generationId) {
        return jdbc.sql("SELECT polls + poll_errors FROM generation.prediction WHERE generation_id = :id")
                .param("id", generationId)
                .query(Integer.class)
                .single();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
