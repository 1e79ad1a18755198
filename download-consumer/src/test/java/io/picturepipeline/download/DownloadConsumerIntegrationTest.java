package io.picturepipeline.download;

import static io.picturepipeline.testsupport.TopicEvents.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.infra.Infrastructure;
import io.picturepipeline.provider.local.LocalProvider;
import io.picturepipeline.provider.local.LocalProviderSettings;
import io.picturepipeline.schemas.DeadLettered;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.FailureHeaders;
import io.picturepipeline.schemas.GenerationCompleted;
import io.picturepipeline.schemas.GenerationFailed;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.RetryScheduled;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.StoredImage;
import io.picturepipeline.schemas.Topics;
import io.picturepipeline.storage.ImageFormat;
import io.picturepipeline.storage.ImageKey;
import io.picturepipeline.storage.ImageStorage;
import io.picturepipeline.testsupport.TestInfrastructure;
import io.picturepipeline.testsupport.TopicEvents;
import io.picturepipeline.testsupport.TopicWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stage end to end on the real broker and PostgreSQL: records on {@code pipeline.download}, a trusted JDK HTTP
 * server as the provider's file host, images in a store under {@code target/}, completions and dead letters read
 * back with plain Kafka clients. Every test uses its own generation id: the topics are shared.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DownloadConsumerIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String EXPIRED =
            "The image expired at the provider before it was downloaded; submit it again.";
    private static final byte[] PNG = TestImages.png(48, 32);
    private static final Path STORE = Path.of("target", "test-images-" + UUID.randomUUID());

    /** Answers 503 to the first {@link #FLAKY_FAILURES} requests of each path, then the image. */
    private static final int FLAKY_FAILURES = 4;

    private static final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> flakyHits =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final com.sun.net.httpserver.HttpHandler FLAKY = exchange -> {
        int hit = flakyHits
                .computeIfAbsent(
                        exchange.getRequestURI().getPath(), p -> new java.util.concurrent.atomic.AtomicInteger())
                .incrementAndGet();
        if (hit <= FLAKY_FAILURES) {
            TestHttpServer.send(exchange, 503, "text/plain", new byte[0]);
        } else {
            TestHttpServer.send(exchange, 200, "image/png", PNG);
        }
    };

    private static final TestHttpServer provider = TestHttpServer.onLoopback()
            .route("/files/", TestHttpServer.respond(200, "image/png", PNG))
            .route("/gone/", TestHttpServer.respond(404, "text/plain", new byte[0]))
            .route("/busy/", TestHttpServer.respond(503, "text/plain", new byte[0]))
            .route("/flaky/", FLAKY);

    /** Replicate's fake, keeping outputs an hour after a prediction ends; its clock jumps past that hour. */
    private static final ShiftableClock providerClock = new ShiftableClock();

    private static final LocalProvider replicate = LocalProvider.start(
            LocalProviderSettings.defaults().withLatency(Duration.ofMillis(100)).withClock(providerClock));

    private static TopicWriter kafka;
    private static TopicEvents topics;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EventCodec codec = new EventCodec();

    @Autowired
    private ImageStorage storage;

    @Autowired
    private CompletedDownloads completedDownloads;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure infra = TestInfrastructure.shared();
        String database = infra.postgres().ensureDatabase("picture");
        infra.springProperties(database).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("pipeline.kafka.replication-factor", () -> "1");
        registry.add("pipeline.kafka.min-insync-replicas", () -> "1");
        registry.add(
                "pipeline.download.trusted-internal-hosts",
                () -> provider.hostPort() + ",127.0.0.1:" + replicate.port());
        registry.add("pipeline.download.replicate.base-url", replicate::baseUrl);
        registry.add("pipeline.download.replicate.api-token", () -> "test-token");
        registry.add("pipeline.storage.root", () -> STORE.toAbsolutePath().toString());
        registry.add("pipeline.download.retry.initial-backoff", () -> "20ms");
        registry.add("pipeline.retry.tier-delays", () -> "200ms,400ms,600ms");
        kafka = new TopicWriter(infra.kafkaBootstrap());
        topics = new TopicEvents(infra.kafkaBootstrap());
    }

    @AfterAll
    static void stop() {
        provider.close();
        replicate.close();
        kafka.close();
    }

    private RecordMetadata publish(ImagesGenerated event) {
        return kafka.send(Topics.DOWNLOAD, null, event.generationId().toString(), codec.encode(event));
    }

    private static ImagesGenerated imagesAt(UUID generationId, String... urls) {
        return ImagesGenerated.of(
                generationId, Instant.now(), "owner-1", "prediction-" + generationId, List.of(urls), 48, 32);
    }

    private List<PipelineEvent> lifecycleOf(UUID generationId) {
        return topics.events(Topics.LIFECYCLE, generationId.toString(), PipelineEvent.class);
    }

    private List<GenerationCompleted> completionsOf(UUID generationId) {
        return topics.events(Topics.LIFECYCLE, generationId.toString(), GenerationCompleted.class);
    }

    private List<GenerationFailed> failuresOf(UUID generationId) {
        return topics.events(Topics.LIFECYCLE, generationId.toString(), GenerationFailed.class);
    }

    private List<ConsumerRecord<String, byte[]>> deadLettersOf(UUID generationId) {
        return topics.records(Topics.deadLetter(Topics.DOWNLOAD), generationId.toString());
    }

    /** Waits until the stage has committed past {@code record}: it is processed, whatever the outcome. */
    private void awaitProcessed(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> topics.committedOffset(DownloadListener.GROUP, partition) > record.offset());
    }

    @Test
    void storesEveryOutputAndAnnouncesTheCompletion() {
        UUID generationId = UUID.randomUUID();
        String first = "/files/" + generationId + "/0.png";
        String second = "/files/" + generationId + "/1.png";

        publish(imagesAt(generationId, provider.url(first), provider.url(second)));

        await().atMost(PATIENCE).until(() -> !completionsOf(generationId).isEmpty());
        GenerationCompleted completed = completionsOf(generationId).get(0);
        assertThat(completed.images())
                .containsExactly(
                        new StoredImage(0, generationId + "/0.png", "image/png", PNG.length, 48, 32),
                        new StoredImage(1, generationId + "/1.png", "image/png", PNG.length, 48, 32));
        for (StoredImage image : completed.images()) {
            assertThat(storage.read(new ImageKey(generationId, image.index(), ImageFormat.PNG)))
                    .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(PNG));
        }
        assertThat(completedDownloads.images(generationId)).contains(completed.images());
        assertThat(provider.hits(first)).isEqualTo(1);
        assertThat(provider.hits(second)).isEqualTo(1);
    }

    @Test
    void aRedeliveredRecordStoresOnceAndCompletesOnce() throws Exception {
        UUID generationId = UUID.randomUUID();
        String path = "/files/" + generationId + "/0.png";
        byte[] record = codec.encode(imagesAt(generationId, provider.url(path)));

        kafka.send(Topics.DOWNLOAD, null, generationId.toString(), record);
        RecordMetadata duplicate = kafka.send(Topics.DOWNLOAD, null, generationId.toString(), record);
        awaitProcessed(duplicate);

        assertThat(completionsOf(generationId)).hasSize(1);
        assertThat(provider.hits(path)).as("fetches of the output").isEqualTo(1);
        try (Stream<Path> files = Files.list(STORE.resolve(generationId.toString()))) {
            assertThat(files).extracting(file -> file.getFileName().toString()).containsExactly("0.png");
        }
        assertThat(storage.read(new ImageKey(generationId, 0, ImageFormat.PNG)))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(PNG));
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndTheRecordBehindItStillCompletes() {
        UUID generationId = UUID.randomUUID();
        byte[] garbage = "\u0000not json at all {".getBytes(StandardCharsets.UTF_8);

        kafka.send(Topics.DOWNLOAD, null, generationId.toString(), garbage);
        // same key, so same partition: this record waits behind the poison one
        publish(imagesAt(generationId, provider.url("/files/" + generationId + "/0.png")));

        await().atMost(PATIENCE).until(() -> !completionsOf(generationId).isEmpty());
        List<ConsumerRecord<String, byte[]>> deadLetters = deadLettersOf(generationId);
        assertThat(deadLetters).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.value()).isEqualTo(garbage);
            assertThat(header(deadLetter, FailureHeaders.EXCEPTION_CLASS))
                    .isEqualTo("io.picturepipeline.schemas.PoisonRecordException");
            assertThat(header(deadLetter, FailureHeaders.ATTEMPTS)).isEqualTo("1");
        });
        assertThat(lifecycleOf(generationId)).hasAtLeastOneElementOfType(DeadLettered.class);
    }

    @Test
    void anSsrfUrlFailsTheGenerationAndIsDeadLetteredWithoutAFetch() {
        UUID generationId = UUID.randomUUID();
        String canaryPath = "/files/" + generationId + "/canary.png";
        // the provider's own port, spelled with a host that is neither allow-listed nor trusted
        String untrusted = "http://localhost:" + provider.port() + canaryPath;

        RecordMetadata metadataRecord =
                publish(imagesAt(generationId, "http://169.254.169.254/latest/meta-data/iam/security-credentials/"));
        RecordMetadata loopbackRecord = publish(imagesAt(generationId, untrusted));
        awaitProcessed(metadataRecord);
        awaitProcessed(loopbackRecord);

        await().atMost(PATIENCE).until(() -> deadLettersOf(generationId).size() == 2);
        assertThat(deadLettersOf(generationId)).allSatisfy(deadLetter -> {
            assertThat(header(deadLetter, FailureHeaders.EXCEPTION_CLASS))
                    .isEqualTo("io.picturepipeline.retry.NonRetryableException");
            assertThat(header(deadLetter, FailureHeaders.TERMINAL)).isEqualTo("true");
            assertThat(header(deadLetter, FailureHeaders.STAGE)).isEqualTo("download");
        });
        assertThat(header(deadLettersOf(generationId).get(1), FailureHeaders.EXCEPTION_MESSAGE))
                .contains("not in the allow-list");
        assertThat(provider.hits(canaryPath)).isZero();
        assertThat(completionsOf(generationId)).isEmpty();
        assertThat(failuresOf(generationId))
                .as("the client learns at once")
                .isNotEmpty()
                .allSatisfy(failed -> assertThat(failed.stage()).isEqualTo(Stage.DOWNLOAD));
    }

    @Test
    void aMissingOutputFailsTheGenerationAfterOneAttempt() {
        UUID generationId = UUID.randomUUID();
        String path = "/gone/" + generationId + "/0.png";

        awaitProcessed(publish(imagesAt(generationId, provider.url(path))));

        await().atMost(PATIENCE).until(() -> deadLettersOf(generationId).size() == 1);
        assertThat(provider.hits(path)).as("attempts").isEqualTo(1);
        assertThat(completionsOf(generationId)).isEmpty();
        assertThat(failuresOf(generationId)).singleElement().satisfies(failed -> {
            assertThat(failed.errorClass()).isEqualTo("output_expired");
            assertThat(failed.message()).isEqualTo(EXPIRED);
        });
        assertThat(header(deadLettersOf(generationId).get(0), FailureHeaders.EXCEPTION_MESSAGE))
                .contains("answered 404", "deleted the prediction's outputs");
    }

    @Test
    void anOutputWhoseUrlIsGoneIsFetchedFromThePredictionsCurrentUrls() throws Exception {
        UUID generationId = UUID.randomUUID();
        JsonNode prediction = succeededPrediction("a lighthouse, fetched again");
        String stale = "http://127.0.0.1:" + replicate.port() + "/files/" + "stale" + generationId + "/0.png";
        long downloadsBefore = replicate.stats().fileDownloads();

        publish(ImagesGenerated.of(
                generationId, Instant.now(), "owner-1", prediction.path("id").asString(), List.of(stale), 64, 64));

        await().atMost(PATIENCE).until(() -> !completionsOf(generationId).isEmpty());
        StoredImage image = completionsOf(generationId).get(0).images().get(0);
        assertThat(image.contentType()).isEqualTo("image/png");
        byte[] expected = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        prediction.path("output").get(0).asString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body();
        assertThat(storage.read(new ImageKey(generationId, image.index(), ImageFormat.PNG)))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(expected));
        assertThat(replicate.stats().fileDownloads() - downloadsBefore)
                .as("the fresh URL once by the stage, once by this test")
                .isEqualTo(2);
        assertThat(failuresOf(generationId)).isEmpty();
    }

    @Test
    void anOutputPastTheProvidersRetentionFailsTheGenerationAsExpiredWithoutARetry() throws Exception {
        UUID generationId = UUID.randomUUID();
        JsonNode prediction = succeededPrediction("a lighthouse, too late");
        String output = prediction.path("output").get(0).asString();
        providerClock.advance(Duration.ofMinutes(61));
        long pollsBefore = replicate.stats().polls();

        RecordMetadata record = publish(ImagesGenerated.of(
                generationId, Instant.now(), "owner-1", prediction.path("id").asString(), List.of(output), 64, 64));
        awaitProcessed(record);

        await().atMost(PATIENCE).until(() -> deadLettersOf(generationId).size() == 1);
        assertThat(failuresOf(generationId)).singleElement().satisfies(failed -> {
            assertThat(failed.stage()).isEqualTo(Stage.DOWNLOAD);
            assertThat(failed.errorClass()).isEqualTo("output_expired");
            assertThat(failed.message()).isEqualTo(EXPIRED);
        });
        assertThat(header(deadLettersOf(generationId).get(0), FailureHeaders.EXCEPTION_MESSAGE))
                .startsWith("The image expired at the provider before it was downloaded")
                .contains(prediction.path("id").asString(), "answered 404", "an hour after");
        assertThat(header(deadLettersOf(generationId).get(0), FailureHeaders.TERMINAL))
                .isEqualTo("true");
        assertThat(lifecycleOf(generationId)).noneMatch(RetryScheduled.class::isInstance);
        assertThat(replicate.stats().polls() - pollsBefore)
                .as("one look at the prediction")
                .isEqualTo(1);
        assertThat(completionsOf(generationId)).isEmpty();
    }

    /** A prediction created at the local provider and awaited until it succeeded. */
    private static JsonNode succeededPrediction(String prompt) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"input\":{\"prompt\":\"" + prompt + "\",\"width\":64,\"height\":64}}";
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create(
                                replicate.baseUrl() + "/v1/models/black-forest-labs/flux-schnell/predictions"))
                        .header("Authorization", "Bearer test-token")
                        .header("Content-Type", "application/json")
                        .header("Prefer", "wait=30")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode prediction = JSON.readTree(created.body());
        assertThat(prediction.path("status").asString()).isEqualTo("succeeded");
        return prediction;
    }

    @Test
    void anUnavailableProviderIsRetriedInProcessAndThroughEveryTierBeforeTheRecordIsDeadLettered() {
        UUID generationId = UUID.randomUUID();
        String path = "/busy/" + generationId + "/0.png";

        publish(imagesAt(generationId, provider.url(path)));

        await().atMost(PATIENCE).until(() -> deadLettersOf(generationId).size() == 1);
        ConsumerRecord<String, byte[]> deadLetter = deadLettersOf(generationId).get(0);
        assertThat(header(deadLetter, FailureHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(header(deadLetter, FailureHeaders.TERMINAL))
                .as("waits for ops")
                .isNull();
        assertThat(provider.hits(path))
                .as("3 fetches in process per delivery, 4 deliveries")
                .isEqualTo(12);
        assertThat(lifecycleOf(generationId))
                .filteredOn(RetryScheduled.class::isInstance)
                .hasSize(3);
        await().atMost(PATIENCE)
                .until(() -> lifecycleOf(generationId).stream().anyMatch(DeadLettered.class::isInstance));
        assertThat(completionsOf(generationId)).isEmpty();
        assertThat(failuresOf(generationId)).isEmpty();
    }

    @Test
    void aFetchThatFailsLongerThanTheInProcessRetriesCompletesOnceFromABackoffTier() {
        UUID generationId = UUID.randomUUID();
        String path = "/flaky/" + generationId + "/0.png";

        publish(imagesAt(generationId, provider.url(path)));

        await().atMost(PATIENCE).until(() -> completionsOf(generationId).size() == 1);
        assertThat(provider.hits(path))
                .as("3 failed in process, then 1 failed and 1 served from tier 0")
                .isEqualTo(5);
        assertThat(lifecycleOf(generationId))
                .filteredOn(RetryScheduled.class::isInstance)
                .singleElement()
                .satisfies(
                        retry -> assertThat(((RetryScheduled) retry).attempt()).isEqualTo(1));
        assertThat(deadLettersOf(generationId)).isEmpty();
    }

    @Test
    void exposesHealthAndPrometheusMetrics() throws Exception {
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> readiness = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"db\":{\"status\":\"UP\"}", "\"kafka\":{\"status\":\"UP\"}");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("pipeline_download_generations_total");
    }
}
