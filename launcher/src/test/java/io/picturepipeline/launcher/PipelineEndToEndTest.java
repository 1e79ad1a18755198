package io.picturepipeline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.infra.DemoTokens;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Topics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole stack as the run command starts it, driven only through its public interfaces. */
class PipelineEndToEndTest {

    private static final Duration PIPELINE_TIMEOUT = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    private static LocalStack stack;

    @BeforeAll
    static void startTheStack() {
        Path projectRoot = Path.of("").toAbsolutePath().getParent();
        stack = LocalStack.start(
                StackSettings.isolated(projectRoot, dataDir.resolve("data"), Duration.ofMillis(800)),
                line -> System.out.println("[stack] " + line));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aSubmittedGenerationCompletesWithAStoredPngOfTheRequestedSize() throws Exception {
        String token = DemoTokens.mint(stack.settings().jwtSecret(), "e2e-" + UUID.randomUUID(), Duration.ofHours(1));

        HttpResponse<String> accepted = send(
                HttpRequest.newBuilder(URI.create(stack.settings().apiUrl() + "/api/v1/generations"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"prompt": "a lighthouse at dawn", "model": "black-forest-labs/flux-schnell",
                                 "width": 1344, "height": 768, "steps": 4, "seed": 7}
                                """)),
                HttpResponse.BodyHandlers.ofString());

        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(accepted.body());
        assertThat(body.path("status").asString()).isEqualTo("queued");
        String id = body.path("id").asString();
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/api/v1/generations/" + id);

        JsonNode completed = await().atMost(PIPELINE_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> status(token, id), g -> g.path("status").asString().equals("completed"));

        assertThat(completed.path("images")).hasSize(1);
        HttpResponse<byte[]> image = send(
                HttpRequest.newBuilder(URI.create(stack.settings()
                                .apiUrl()
                                .concat(completed
                                        .path("images")
                                        .get(0)
                                        .path("url")
                                        .asString())))
                        .header("Authorization", "Bearer " + token),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).contains("image/png");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(image.body()));
        assertThat(png.getWidth()).isEqualTo(1344);
        assertThat(png.getHeight()).isEqualTo(768);

        assertThat(lifecycleOf(UUID.fromString(id)))
                .filteredOn(type -> !type.equals("GenerationProgressed"))
                .containsExactly("GenerationRequested", "GenerationStarted", "ImagesGenerated", "GenerationCompleted");
    }

    private static JsonNode status(String token, String id) throws Exception {
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(URI.create(stack.settings().apiUrl() + "/api/v1/generations/" + id))
                        .header("Authorization", "Bearer " + token),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The event types of one generation on the lifecycle topic, in order (one key, one partition). */
    private static List<String> lifecycleOf(UUID generationId) {
        EventCodec codec = new EventCodec();
        List<String> types = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.settings().kafkaBootstrap()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.LIFECYCLE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().equals(generationId.toString())) {
                        PipelineEvent event = codec.decode(record.value());
                        types.add(event.type());
                    }
                });
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return types;
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
            throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), handler);
    }
}
