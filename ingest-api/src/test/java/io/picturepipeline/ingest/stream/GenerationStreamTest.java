package io.picturepipeline.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.Lifecycle;
import io.picturepipeline.ingest.Sse;
import io.picturepipeline.schemas.EventIds;
import io.picturepipeline.schemas.GenerationCompleted;
import io.picturepipeline.schemas.GenerationProgressed;
import io.picturepipeline.schemas.GenerationStarted;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.RetryScheduled;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.StoredImage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

class GenerationStreamTest extends IngestIntegrationTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    LifecycleFeed feed;

    Lifecycle lifecycle;

    @BeforeEach
    void feedIsLive() {
        lifecycle = new Lifecycle(kafka);
        await().atMost(TIMEOUT).until(feed::isAssigned);
    }

    @Test
    void aGenerationsStreamCarriesStatusProgressRetryAndTheTerminalEventThenEnds() {
        String user = Api.newUser("watcher");
        UUID id = api().submitValid(user, "a lighthouse");
        awaitPublished(id);

        try (Sse stream = Sse.open(api(), "/api/v1/generations/" + id + "/events", user)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            lifecycle.publish(GenerationStarted.of(id, Instant.now(), "replicate", "p-1"));
            lifecycle.publish(GenerationProgressed.of(id, Instant.now(), 40));
            lifecycle.publish(RetryScheduled.of(id, Instant.now(), Stage.GENERATE, 1, Duration.ofSeconds(60), "busy"));
            lifecycle.publish(ImagesGenerated.of(
                    id, Instant.now(), user, "p-1", List.of("https://replicate.delivery/x/0.png"), 1024, 1024));
            lifecycle.publish(completed(id));

            await().atMost(TIMEOUT).until(stream::ended);
            assertThat(stream.names()).containsExactly("status", "status", "progress", "retry", "status", "completed");
            List<Sse.Event> events = stream.events();
            assertThat(events.get(0).json().get("status").asString()).isEqualTo("queued");
            assertThat(events.get(1).json().get("status").asString()).isEqualTo("processing");
            assertThat(events.get(2).json().get("progress").asInt()).isEqualTo(40);
            assertThat(events.get(3).json().get("message").asString()).isEqualTo("retrying in 60 s");
            assertThat(events.get(4).json().get("status").asString()).isEqualTo("downloading");
            JsonNode done = events.get(5).json();
            assertThat(done.get("status").asString()).isEqualTo("completed");
            assertThat(done.get("generationId").asString()).isEqualTo(id.toString());
            assertThat(done.get("images").get(0).get("url").asString())
                    .isEqualTo("/api/v1/generations/" + id + "/images/0");
            assertThat(events).allSatisfy(event -> assertThat(event.id()).matches("\\d+"));
            assertThat(events.stream().map(e -> Long.parseLong(e.id())))
                    .as("ids are the records' offsets, increasing")
                    .isSorted()
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void reconnectingWithLastEventIdDeliversExactlyTheMissedEventsOnce() {
        String user = Api.newUser("reconnecter");
        UUID id = api().submitValid(user, "a storm");
        awaitPublished(id);
        GenerationProgressed thirty = GenerationProgressed.of(id, Instant.now(), 30);
        GenerationProgressed sixty = GenerationProgressed.of(id, Instant.now(), 60);
        String lastSeen;
        try (Sse first = Sse.open(api(), "/api/v1/generations/" + id + "/events", user)) {
            lifecycle.publish(GenerationStarted.of(id, Instant.now(), "replicate", "p-2"));
            lifecycle.publish(thirty);
            await().atMost(TIMEOUT).until(() -> first.names().contains("progress"));
            lastSeen = first.last().id();
        }

        // while the client is away: new events, and a re-published duplicate of one it has seen
        lifecycle.publish(sixty);
        lifecycle.publish(thirty);
        lifecycle.publish(GenerationProgressed.of(id, Instant.now(), 90));

        try (Sse second = Sse.open(
                api().uri("/api/v1/generations/" + id + "/events"),
                Map.of("Authorization", "Bearer " + Api.token(user), "Last-Event-ID", lastSeen))) {
            await().atMost(TIMEOUT).until(() -> second.events().size() >= 2);
            lifecycle.publish(sixty); // a duplicate of a replayed one, live
            lifecycle.publish(completed(id));
            await().atMost(TIMEOUT).until(second::ended);

            assertThat(second.events().stream()
                            .map(event -> event.name() + " "
                                    + event.json().path("progress").asInt()))
                    .containsExactly("progress 60", "progress 90", "completed 0");
            assertThat(Long.parseLong(second.events().get(0).id())).isGreaterThan(Long.parseLong(lastSeen));
        }
    }

    @Test
    void theReplayComesFromTheProjectionsHistoryWhenThisInstanceNeverSawTheEvents() {
        String user = Api.newUser("historian");
        UUID id = api().submitValid(user, "an old one");
        // the projection's log, at offsets this instance's feed never saw
        History.record(jdbc, id, 7, 1_000_000, GenerationStarted.of(id, Instant.now(), "replicate", "p-3"));
        History.record(jdbc, id, 7, 1_000_005, GenerationProgressed.of(id, Instant.now(), 50));
        History.record(jdbc, id, 7, 1_000_009, completed(id));

        try (Sse fresh = Sse.open(api(), "/api/v1/generations/" + id + "/events", user)) {
            await().atMost(TIMEOUT).until(fresh::ended);
            assertThat(fresh.events())
                    .extracting(Sse.Event::id, Sse.Event::name)
                    .containsSubsequence(
                            org.assertj.core.groups.Tuple.tuple("1000000", "status"),
                            org.assertj.core.groups.Tuple.tuple("1000005", "progress"),
                            org.assertj.core.groups.Tuple.tuple("1000009", "completed"));
        }
        try (Sse resumed = Sse.open(
                api().uri("/api/v1/generations/" + id + "/events"),
                Map.of("Authorization", "Bearer " + Api.token(user), "Last-Event-ID", "1000000"))) {
            await().atMost(TIMEOUT).until(resumed::ended);
            assertThat(resumed.events()).extracting(Sse.Event::id).containsExactly("1000005", "1000009");
        }
        try (Sse done = Sse.open(
                api().uri("/api/v1/generations/" + id + "/events"),
                Map.of("Authorization", "Bearer " + Api.token(user), "Last-Event-ID", "1000009"))) {
            assertThat(done.status())
                    .as("nothing more will come: EventSource stops on 204")
                    .isEqualTo(204);
        }
    }

    @Test
    void heartbeatsKeepAnIdleStreamOpen() {
        String user = Api.newUser("idler");
        UUID id = api().submitValid(user, "nothing happens");

        try (Sse stream = Sse.open(api(), "/api/v1/generations/" + id + "/events", user)) {
            await().atMost(TIMEOUT).until(() -> stream.comments().contains("heartbeat"));
            assertThat(stream.ended()).isFalse();
        }
    }

    @Test
    void anotherUsersGenerationStreamIsNotFoundAndAForgedLastEventIdIsABadRequest() {
        String owner = Api.newUser("owner");
        UUID id = api().submitValid(owner, "mine");

        try (Sse stranger = Sse.open(api(), "/api/v1/generations/" + id + "/events", Api.newUser("stranger"))) {
            assertThat(stranger.status()).isEqualTo(404);
            assertThat(stranger.header("Content-Type")).isEqualTo("application/problem+json");
        }
        try (Sse unknown =
                Sse.open(api(), "/api/v1/generations/" + UUID.randomUUID() + "/events", Api.newUser("guesser"))) {
            assertThat(unknown.status()).isEqualTo(404);
        }
        try (Sse forged = Sse.open(
                api().uri("/api/v1/generations/" + id + "/events"),
                Map.of("Authorization", "Bearer " + Api.token(owner), "Last-Event-ID", "yesterday"))) {
            assertThat(forged.status()).isEqualTo(400);
            assertThat(forged.text()).contains("Last-Event-ID");
        }
    }

    static GenerationCompleted completed(UUID id) {
        return GenerationCompleted.of(
                id, Instant.now(), List.of(new StoredImage(0, id + "/0.png", "image/png", 1234, 1024, 1024)));
    }

    static UUID terminalId(UUID id) {
        return EventIds.forFact(id, "terminal");
    }
}
