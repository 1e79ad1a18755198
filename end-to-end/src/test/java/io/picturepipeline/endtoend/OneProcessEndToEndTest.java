package io.picturepipeline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.infra.DemoTokens;
import io.picturepipeline.launcher.LocalStack;
import io.picturepipeline.launcher.ServiceProcess;
import io.picturepipeline.launcher.StackOptions;
import io.picturepipeline.launcher.StackSettings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@link PipelineEndToEndTest}'s tests on {@code ./pp up --one-process}: the four services in one JVM complete a
 * generation, and each still exports the metric contract under its own {@code application} tag. Besides, issue 17's
 * scheduled generations across a restart of every service: restarting the one process restarts all four.
 */
class OneProcessEndToEndTest extends PipelineEndToEndTest {

    /**
     * How far ahead the two generations are scheduled. The issue's 10 s is less than a restart of the JVM that hosts
     * the four services takes on a loaded 2-core CI machine (SIGTERM and a graceful stop, then four Spring contexts,
     * Flyway and the Kafka consumer groups joining again); the release must come after the restart, or the test would
     * not show that the hold survives it (the test checks that the restart ended before the time). 45 s was not
     * enough: on the shared 2-core machine at a load average of 8 to 18 restarts took 47.7 s and 31.8 s; 90 s was not
     * either: in CI on 2026-12-03 beside the fault suite's stacks one took 97.7 s (stop 6.8 s).
     */
    private static final Duration SCHEDULED_AHEAD = Duration.ofSeconds(150);

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration HEALTH_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration PIPELINE_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path oneProcessDir;

    @Override
    @BeforeAll
    void startTheStack() {
        stack = LocalStack.start(
                StackSettings.isolated(PlainStack.projectRoot(), oneProcessDir.resolve("data"), Duration.ofMillis(800)),
                StackOptions.defaults().withOneProcess(),
                line -> System.out.println(LocalTime.now() + " [one-process stack] " + line));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * Issue 17, must show 1(c): two generations scheduled through REST for the same time, one of them cancelled
     * through REST while scheduled, then every service restarts. The kept one is claimed from the admission queue no
     * earlier than its {@code notBefore} and within a second after it, and completes; the cancelled one ends {@code
     * cancelled} and never reaches the provider.
     */
    @Test
    void aScheduledGenerationIsReleasedWithinASecondOfItsTimeAcrossARestartOfEveryServiceAndACancelledOneNever()
            throws Exception {
        String owner = "planner-" + UUID.randomUUID();
        String token = DemoTokens.mint(stack.settings().jwtSecret(), owner, Duration.ofHours(1));
        String keptPrompt = "a lighthouse at dusk, kept #" + UUID.randomUUID();
        String droppedPrompt = "a lighthouse at dusk, cancelled #" + UUID.randomUUID();
        // whole seconds, as the README's date command writes it
        Instant due = Instant.now().plus(SCHEDULED_AHEAD).truncatedTo(ChronoUnit.SECONDS);

        String kept = submitScheduled(token, keptPrompt, due);
        String dropped = submitScheduled(token, droppedPrompt, due);

        HttpResponse<String> cancelling = send(
                HttpRequest.newBuilder(URI.create(stack.settings().apiUrl() + "/api/v1/generations/" + dropped))
                        .header("Authorization", "Bearer " + token)
                        .DELETE(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cancelling.statusCode()).as(cancelling.body()).isEqualTo(202);
        assertThat(JSON.readTree(cancelling.body()).path("status").asString()).isEqualTo("cancelling");

        // both are held in PostgreSQL (the generation-consumer consumed them and committed its offsets) before the
        // process goes away: what survives the restart is the table, not a timer or a consumer thread
        await().atMost(PIPELINE_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> admission(kept) != null && admission(dropped) != null);
        assertThat(admission(kept).readyAt()).as("held until its notBefore").isEqualTo(due);
        assertThat(admission(kept).claimedAt())
                .as("not released before the restart")
                .isNull();

        // ServiceProcess.restart(grace, healthTimeout) in its two halves, timed apart
        ServiceProcess pipeline = stack.service("pipeline");
        long pidBefore = pipeline.pid();
        Instant restartBegan = Instant.now();
        pipeline.stop(STOP_GRACE);
        Instant stopped = Instant.now();
        pipeline.relaunch();
        pipeline.awaitHealthy(HEALTH_TIMEOUT);
        Instant restarted = Instant.now();
        System.out.println("[one-process stack] restart of every service took "
                + Duration.between(restartBegan, restarted).toMillis() + " ms (stop "
                + Duration.between(restartBegan, stopped).toMillis() + " ms); "
                + Duration.between(restarted, due).toMillis() + " ms left before the scheduled time");
        assertThat(pipeline.pid()).as("a new process").isNotEqualTo(pidBefore);
        assertThat(restarted)
                .as(
                        "the restart (%s) ended before the scheduled time; otherwise raise SCHEDULED_AHEAD",
                        Duration.between(restartBegan, restarted))
                .isBefore(due);

        Admission released = await().atMost(Duration.between(Instant.now(), due).plus(PIPELINE_TIMEOUT))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> admission(kept), row -> row.claimedAt() != null);
        System.out.println("[one-process stack] the scheduled generation was released "
                + Duration.between(due, released.claimedAt()).toMillis() + " ms after its notBefore");
        assertThat(Duration.between(due, released.claimedAt()))
                .as(
                        "claimed %s for %s: no earlier than its notBefore, within a second after it",
                        released.claimedAt(), due)
                .isBetween(Duration.ZERO, Duration.ofSeconds(1));

        JsonNode completed = await().atMost(PIPELINE_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> status(token, kept),
                        g -> List.of("completed", "failed", "cancelled")
                                .contains(g.path("status").asString()));
        assertThat(completed.path("status").asString()).as(completed.toString()).isEqualTo("completed");
        assertThat(providerPredictions(keptPrompt))
                .as("the kept one at the provider")
                .hasSize(1);

        JsonNode cancelled = await().atMost(PIPELINE_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> status(token, dropped),
                        g -> List.of("completed", "failed", "cancelled")
                                .contains(g.path("status").asString()));
        assertThat(cancelled.path("status").asString()).as(cancelled.toString()).isEqualTo("cancelled");
        Admission withdrawn = await().atMost(PIPELINE_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> admission(dropped), row -> row.outcome() != null);
        assertThat(withdrawn.outcome()).as("withdrawn from the admission queue").isEqualTo("cancelled");
        // looked at after the kept one, due at the same time, has been at the provider and completed
        assertThat(providerPredictions(droppedPrompt))
                .as("the cancelled one at the provider")
                .isEmpty();
    }

    /** POSTs a generation for {@code notBefore} as the README's curl does; returns its id (202, {@code scheduled}). */
    private static String submitScheduled(String token, String prompt, Instant notBefore) throws Exception {
        String body = JSON.writeValueAsString(Map.of("prompt", prompt, "notBefore", notBefore.toString()));
        HttpResponse<String> accepted = send(
                HttpRequest.newBuilder(URI.create(stack.settings().apiUrl() + "/api/v1/generations"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode json = JSON.readTree(accepted.body());
        assertThat(json.path("status").asString()).isEqualTo("scheduled");
        return json.path("id").asString();
    }

    /** A generation's row in the generation-consumer's admission queue, or {@code null} before it is recorded. */
    private static Admission admission(String generationId) throws SQLException {
        try (Connection connection = stack.postgres().connect(StackSettings.DATABASE);
                PreparedStatement query = connection.prepareStatement("""
                        SELECT ready_at, claimed_at, outcome FROM generation.admission WHERE generation_id = ?
                        """)) {
            query.setObject(1, UUID.fromString(generationId));
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                OffsetDateTime claimedAt = row.getObject(2, OffsetDateTime.class);
                return new Admission(
                        row.getObject(1, OffsetDateTime.class).toInstant(),
                        claimedAt == null ? null : claimedAt.toInstant(),
                        row.getString(3));
            }
        }
    }

    private record Admission(Instant readyAt, Instant claimedAt, String outcome) {}

    /** The local provider's predictions whose input prompt is {@code prompt}, from every page of its list. */
    private static List<JsonNode> providerPredictions(String prompt) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        String page = stack.settings().providerUrl() + "/v1/predictions";
        while (page != null) {
            HttpResponse<String> response = send(
                    HttpRequest.newBuilder(URI.create(page)).header("Authorization", "Bearer local"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode json = JSON.readTree(response.body());
            json.path("results").forEach(p -> {
                if (prompt.equals(p.path("input").path("prompt").asString(""))) {
                    found.add(p);
                }
            });
            page = json.path("next").isString() ? json.path("next").asString() : null;
        }
        return found;
    }
}
