package io.picturepipeline.faults;

import static org.awaitility.Awaitility.await;

import io.picturepipeline.faults.Ledger.Injected;
import io.picturepipeline.schemas.GenerationStarted;
import io.picturepipeline.schemas.GenerationStatus;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generations a scenario starts by publishing their events itself, as the stages upstream would: a request (to the
 * generate and lifecycle topics, as the outbox does), or a finished prediction handed to the download stage (its
 * lifecycle so far, then the download record). Each is recorded in the ledger with the outcome it must reach.
 */
public final class Injections {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final FaultStack stack;

    public Injections(FaultStack stack) {
        this.stack = stack;
    }

    /** A request for generation {@code id}, published as the outbox publishes one; it must complete. */
    public UUID request(String scenario, UUID id, String what) {
        return request(scenario, id, what, Topics.GENERATE);
    }

    /** The same, with the request on {@code topic} (the generate topic or one of its retry tiers). */
    public UUID request(String scenario, UUID id, String what, String topic) {
        stack.ledger().inject(new Injected(scenario, id, Set.of(GenerationStatus.COMPLETED), 1, what));
        stack.publisher().send(List.of(topic, Topics.LIFECYCLE), Poison.requested(id, scenario + " " + what));
        return id;
    }

    /**
     * Generation {@code id} at the download stage with {@code outputUrls}: its request, start and result on the
     * lifecycle topic, then the download record. It must end in one of {@code terminal}.
     */
    public UUID download(
            String scenario, UUID id, List<String> outputUrls, Set<GenerationStatus> terminal, String what) {
        return download(scenario, id, outputUrls, terminal, what, Topics.DOWNLOAD);
    }

    /** The same, with the download record on {@code topic} (the download topic or one of its retry tiers). */
    public UUID download(
            String scenario,
            UUID id,
            List<String> outputUrls,
            Set<GenerationStatus> terminal,
            String what,
            String topic) {
        stack.ledger().inject(new Injected(scenario, id, terminal, outputUrls.size(), what));
        Instant now = Instant.now();
        String prediction = "fs-" + id;
        stack.publisher().send(Topics.LIFECYCLE, Poison.requested(id, scenario + " " + what));
        stack.publisher().send(Topics.LIFECYCLE, GenerationStarted.of(id, now, "replicate", prediction));
        ImagesGenerated generated = ImagesGenerated.of(id, now, "fs-poison-owner", prediction, outputUrls, 256, 256);
        stack.publisher().send(Topics.handOff(topic), generated);
        return id;
    }

    /** Creates a prediction at the local provider (past the pipeline) and returns its output URLs once it is done. */
    public List<String> finishedPrediction(String prompt) {
        String base = stack.stack().settings().providerUrl();
        try {
            HttpResponse<String> created = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/v1/models/" + LoadDriver.MODEL + "/predictions"))
                            .header("Authorization", "Bearer local")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"input\": {\"prompt\": \"" + prompt + "\", \"width\": 256, \"height\": 256}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String id = JSON.readTree(created.body()).path("id").asString();
            JsonNode prediction = await("prediction " + id + " at the local provider")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> JSON.readTree(HTTP.send(
                                            HttpRequest.newBuilder(URI.create(base + "/v1/predictions/" + id))
                                                    .header("Authorization", "Bearer local")
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .body()),
                            answer -> answer.path("status").asString().equals("succeeded"));
            List<String> urls = new ArrayList<>();
            prediction.path("output").forEach(url -> urls.add(url.asString()));
            return urls;
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a prediction at the local provider: " + e.getMessage(), e);
        }
    }
}
