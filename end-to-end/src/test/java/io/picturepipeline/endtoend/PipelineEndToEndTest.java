package io.picturepipeline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.infra.DemoTokens;
import io.picturepipeline.launcher.LocalStack;
import io.picturepipeline.schemas.Topics;
import io.picturepipeline.testsupport.TopicEvents;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole stack as the run command starts it, driven only through its public interfaces; afterwards every
 * service's {@code /actuator/prometheus} carries the metric contract of docs/observability.md and passes
 * {@code promtool check metrics}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineEndToEndTest {

    private static final Duration PIPELINE_TIMEOUT = Duration.ofSeconds(90);
    /** 50 generations at 0.8 s provider latency each, on a loaded 2-core machine. */
    private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(4);

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    static LocalStack stack;

    /**
     * {@link OneProcessEndToEndTest} overrides this with a stack of its own. An instance method (the class is {@code
     * PER_CLASS}): since JUnit 5.11 a static {@code @BeforeAll} hidden by a subclass's still runs.
     */
    @BeforeAll
    void startTheStack() {
        stack = PlainStack.get();
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

        assertThat(new TopicEvents(stack.settings().kafkaBootstrap()).types(Topics.LIFECYCLE, id))
                .filteredOn(type -> !type.equals("GenerationProgressed"))
                .containsExactly("GenerationRequested", "GenerationStarted", "ImagesGenerated", "GenerationCompleted");
    }

    @Test
    void aBatchOfFiftyIsAcceptedInOneResponseEveryItemEndsAndTheBatchStreamEndsWithTheLast() throws Exception {
        // the free plan allows 20 an hour, so this user is on pro (200 an hour) by the token's plan claim
        String token =
                DemoTokens.mint(stack.settings().jwtSecret(), "batch-" + UUID.randomUUID(), Duration.ofHours(1), "pro");
        String items = IntStream.range(0, 50)
                .mapToObj(i -> "{\"prompt\": \"tile " + i + " of a mosaic\", \"seed\": " + i + "}")
                .collect(Collectors.joining(", ", "{\"items\": [", "]}"));

        HttpResponse<String> accepted = send(
                HttpRequest.newBuilder(URI.create(stack.settings().apiUrl() + "/api/v1/batches"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(items)),
                HttpResponse.BodyHandlers.ofString());

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode batch = JSON.readTree(accepted.body());
        assertThat(batch.path("items").size()).isEqualTo(50);
        String events = stack.settings().apiUrl() + "/api/v1/batches/"
                + batch.path("id").asString() + "/events";
        // the server ends the stream after the last item's terminal event; until then this waits
        List<String> names = HTTP.sendAsync(
                        HttpRequest.newBuilder(URI.create(events))
                                .header("Authorization", "Bearer " + token)
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> response.body()
                        .filter(line -> line.startsWith("event:"))
                        .map(line -> line.substring("event:".length()).trim())
                        .toList())
                .get(BATCH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        List<String> terminal = names.stream()
                .filter(name -> List.of("completed", "failed", "cancelled").contains(name))
                .toList();
        assertThat(terminal).hasSize(50);
        assertThat(terminal).containsOnly("completed");
        assertThat(List.of("completed", "failed", "cancelled")).contains(names.get(names.size() - 1));
        // the GET reads the projection, which may trail the stream by a moment
        String batchUrl = stack.settings().apiUrl() + "/api/v1/batches/"
                + batch.path("id").asString();
        JsonNode ended = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> JSON.readTree(get(batchUrl, token)),
                        b -> b.path("ended").asBoolean());
        assertThat(ended.path("counts").path("completed").asInt()).isEqualTo(50);
    }

    @Test
    void anUpscaleDoublesACompletedImageAVariationKeepsItsSizeAndAnotherUsersImageIsA404() throws Exception {
        String token =
                DemoTokens.mint(stack.settings().jwtSecret(), "derive-" + UUID.randomUUID(), Duration.ofHours(1));
        String parent = submit(token);
        await().atMost(PIPELINE_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> status(token, parent),
                        g -> g.path("status").asString().equals("completed"));

        String upscale = derive(token, parent, "upscale", "{\"scale\": 2}", 202);
        String variation = derive(token, parent, "variations", "{\"strength\": 0.5}", 202);

        assertThat(completedPng(token, upscale)).isEqualTo(List.of(2048, 2048));
        assertThat(completedPng(token, variation)).isEqualTo(List.of(1024, 1024));
        assertThat(status(token, upscale).path("parentId").asString()).isEqualTo(parent);
        List<String> children = new ArrayList<>();
        status(token, parent).path("children").forEach(child -> children.add(child.asString()));
        assertThat(children).containsExactlyInAnyOrder(upscale, variation);

        String stranger =
                DemoTokens.mint(stack.settings().jwtSecret(), "stranger-" + UUID.randomUUID(), Duration.ofHours(1));
        derive(stranger, parent, "upscale", "{\"scale\": 2}", 404);
        derive(stranger, parent, "variations", "{}", 404);
    }

    /** POSTs a variation or upscale of {@code parent}; returns the child's id (for a 202). */
    private static String derive(String token, String parent, String kind, String body, int expectedStatus)
            throws Exception {
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(
                                URI.create(stack.settings().apiUrl() + "/api/v1/generations/" + parent + "/" + kind))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body()).path("id").asString();
    }

    /** Waits until {@code id} completed; the width and height of its first image, a PNG. */
    private static List<Integer> completedPng(String token, String id) throws Exception {
        JsonNode completed = await().atMost(PIPELINE_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> status(token, id),
                        g -> List.of("completed", "failed")
                                .contains(g.path("status").asString()));
        assertThat(completed.path("status").asString()).as(completed.toString()).isEqualTo("completed");
        HttpResponse<byte[]> image = send(
                HttpRequest.newBuilder(URI.create(stack.settings().apiUrl()
                                + completed.path("images").get(0).path("url").asString()))
                        .header("Authorization", "Bearer " + token),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.headers().firstValue("Content-Type")).contains("image/png");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(image.body()));
        return List.of(png.getWidth(), png.getHeight());
    }

    static JsonNode status(String token, String id) throws Exception {
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(URI.create(stack.settings().apiUrl() + "/api/v1/generations/" + id))
                        .header("Authorization", "Bearer " + token),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), handler);
    }

    @Test
    void everyServiceExportsTheMetricContractAfterARun() throws Exception {
        String token =
                DemoTokens.mint(stack.settings().jwtSecret(), "metrics-" + UUID.randomUUID(), Duration.ofHours(1));
        String id = submit(token);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> get(stack.settings().apiUrl() + "/api/v1/generations/" + id, token)
                        .contains("\"status\":\"completed\""));

        Map<String, String> scrapes = new LinkedHashMap<>();
        for (Map.Entry<String, String> health : stack.healthUrls().entrySet()) {
            scrapes.put(health.getKey(), get(health.getValue().replace("/health", "/prometheus"), null));
        }

        assertThat(value(scrapes.get("ingest-api"), "pipeline_submits_total", "outcome=\"accepted\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrapes.get("ingest-api"), "pipeline_submit_latency_seconds_count", ""))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrapes.get("ingest-api")).contains("pipeline_outbox_backlog", "pipeline_sse_connections");
        assertThat(value(
                        scrapes.get("generation-consumer"),
                        "pipeline_stage_duration_seconds_count",
                        "stage=\"generate\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrapes.get("generation-consumer"), "pipeline_provider_latency_seconds_count", ""))
                .isGreaterThanOrEqualTo(2);
        assertThat(scrapes.get("generation-consumer"))
                .contains("pipeline_predictions_in_flight", "kafka_consumer_fetch_manager_records_lag");
        assertThat(value(
                        scrapes.get("download-consumer"),
                        "pipeline_stage_duration_seconds_count",
                        "stage=\"download\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrapes.get("projection"), "pipeline_generations_total", "outcome=\"completed\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrapes.get("projection")).contains("pipeline_projection_lag_seconds");
        scrapes.forEach(
                (service, scrape) -> assertThat(scrape).as(service).contains("application=\"" + service + "\""));

        for (Map.Entry<String, String> scrape : scrapes.entrySet()) {
            PromtoolResult check = promtoolCheckMetrics(scrape.getValue());
            // no lint either: the frameworks' meters are named and described for Prometheus (retry-dlq's
            // PrometheusLint)
            assertThat(check.output().lines())
                    .as("promtool check metrics findings in the scrape of " + scrape.getKey())
                    .isEmpty();
            assertThat(check.exitCode()).as(scrape.getKey()).isZero();
        }
    }

    /** The largest sample of {@code name} whose labels contain {@code labels}. */
    private static double value(String scrape, String name, String labels) {
        Matcher line = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        double max = -1;
        while (line.find()) {
            if (line.group(1).contains(labels)) {
                max = Math.max(max, Double.parseDouble(line.group(2)));
            }
        }
        return max;
    }

    private record PromtoolResult(int exitCode, String output) {}

    private static PromtoolResult promtoolCheckMetrics(String scrape) throws Exception {
        assertThat(Files.isExecutable(PROMTOOL))
                .as("promtool comes with the Debian package prometheus (.ci/run installs it)")
                .isTrue();
        Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try (var in = promtool.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new PromtoolResult(promtool.exitValue(), output);
    }

    private static String submit(String token) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.settings().apiUrl() + "/api/v1/generations"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"prompt\": \"a red kite over the dunes\", \"width\": 1024, \"height\": 1024}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(response.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private static String get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }
}
