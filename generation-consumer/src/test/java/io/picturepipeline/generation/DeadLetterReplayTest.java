package io.picturepipeline.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.ops.DlqCli;
import io.picturepipeline.schemas.DeadLetterReplayed;
import io.picturepipeline.schemas.DeadLettered;
import io.picturepipeline.schemas.GenerationFailed;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.RetryScheduled;
import io.picturepipeline.schemas.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A provider outage outlasts every retry, the generation waits in the dead-letter topic, ops replay it with the CLI
 * after the provider is back, and it completes once — as in the README's walkthrough, on the real broker and the
 * local provider's runtime faults.
 */
class DeadLetterReplayTest extends StageIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String DEAD_LETTERS = Topics.deadLetter(Topics.GENERATE);

    record CliRun(int exitCode, String out, String err) {}

    @AfterEach
    void providerBack() {
        faults("DELETE", null);
    }

    @Test
    void aGenerationDeadLetteredDuringAnOutageCompletesOnceWhenReplayedAfterTheFix() {
        faults("PATCH", "{\"errorRates\": {\"503\": 1.0}}");
        GenerationRequested requested = request("a lighthouse during an outage");
        UUID id = requested.generationId();
        String prompt = requested.parameters().prompt();

        publish(requested);

        await().atMost(PATIENCE).until(() -> topics().records(DEAD_LETTERS, id).size() == 1);
        await().atMost(PATIENCE)
                .until(() -> topics().events(Topics.LIFECYCLE, id, DeadLettered.class), events -> events.size() == 1);
        assertThat(topics().events(Topics.LIFECYCLE, id, RetryScheduled.class)).hasSize(3);
        assertThat(topics().events(Topics.LIFECYCLE, id, GenerationFailed.class))
                .as("parked for ops, not failed")
                .isEmpty();
        CliRun listed = dlq("list", "--generation", id.toString());
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.out()).contains("ProviderUnavailableException").contains("generate");

        faults("DELETE", null);
        CliRun dryRun = dlq("replay", "--generation", id.toString(), "--reason", "provider is back", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(providerPredictions(prompt)).as("a dry run changes nothing").isEmpty();

        CliRun replay = dlq("replay", "--generation", id.toString(), "--reason", "provider is back");
        CliRun again = dlq("replay", "--generation", id.toString(), "--reason", "provider is back");

        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
        await().atMost(PATIENCE)
                .until(() -> topics().events(Topics.DOWNLOAD, id, ImagesGenerated.class), events -> events.size() == 1);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> topics().events(Topics.DOWNLOAD, id, ImagesGenerated.class)
                                .size()
                        == 1);
        assertThat(providerPredictions(prompt)).as("one paid prediction").hasSize(1);
        assertThat(topics().events(Topics.LIFECYCLE, id, DeadLetterReplayed.class))
                .singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("provider is back"));
        assertThat(topics().records(DEAD_LETTERS, id)).hasSize(1);
    }

    private static CliRun dlq(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = DlqCli.run(
                args,
                new PrintWriter(out),
                new PrintWriter(err),
                Map.of("KAFKA_BOOTSTRAP", INFRA.kafkaBootstrap(), "USER", "ops"));
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** The local provider's runtime faults: {@code PATCH /admin/faults} a knob, {@code DELETE} them all. */
    private static void faults(String method, String json) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(PROVIDER.baseUrl() + "/admin/faults"))
                            .method(
                                    method,
                                    json == null
                                            ? HttpRequest.BodyPublishers.noBody()
                                            : HttpRequest.BodyPublishers.ofString(json))
                            .header("Content-Type", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
