package io.picturepipeline.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.Lifecycle;
import io.picturepipeline.ingest.Sse;
import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.GenerationProgressed;
import io.picturepipeline.schemas.GenerationStarted;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

class UserStreamTest extends IngestIntegrationTest {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    LifecycleFeed feed;

    Lifecycle lifecycle;

    @BeforeEach
    void feedIsLive() {
        lifecycle = new Lifecycle(kafka);
        await().atMost(GenerationStreamTest.TIMEOUT).until(feed::isAssigned);
    }

    @Test
    void theUserStreamCarriesAllOfTheCallersGenerationsAndNobodyElses() {
        String user = Api.newUser("busy");
        String neighbour = Api.newUser("neighbour");
        try (Sse stream = Sse.open(api(), "/api/v1/events", user)) {
            assertThat(stream.status()).isEqualTo(200);
            UUID first = api().submitValid(user, "one");
            UUID second = api().submitValid(user, "two");
            UUID theirs = api().submitValid(neighbour, "not yours");
            lifecycle.publish(GenerationStarted.of(theirs, Instant.now(), "replicate", "p-theirs"));
            lifecycle.publish(GenerationStarted.of(first, Instant.now(), "replicate", "p-first"));
            lifecycle.publish(GenerationCancelled.of(second, Instant.now(), "cancelled by owner"));

            await().atMost(GenerationStreamTest.TIMEOUT)
                    .until(() -> stream.events().size() >= 4);
            assertThat(stream.events())
                    .extracting(event -> event.json().get("generationId").asString())
                    .containsOnly(first.toString(), second.toString())
                    .doesNotContain(theirs.toString());
            assertThat(stream.events())
                    .extracting(event -> event.name() + " "
                            + event.json().get("generationId").asString())
                    .contains("status " + first, "status " + second, "cancelled " + second);
            assertThat(stream.ended())
                    .as("the per-user stream outlives any one generation")
                    .isFalse();
        }
    }

    @Test
    void resumingTheUserStreamWithLastEventIdDeliversExactlyTheMissedEventsOnce() {
        String user = Api.newUser("commuter");
        UUID id = api().submitValid(user, "a train");
        awaitPublished(id);
        GenerationProgressed ten = GenerationProgressed.of(id, Instant.now(), 10);
        String lastSeen;
        try (Sse first = Sse.open(api(), "/api/v1/events", user)) {
            lifecycle.publish(ten);
            await().atMost(GenerationStreamTest.TIMEOUT)
                    .until(() -> first.names().contains("progress"));
            lastSeen = first.last().id();
        }
        assertThat(StreamPosition.decode(lastSeen)).isPresent();

        lifecycle.publish(GenerationProgressed.of(id, Instant.now(), 20));
        lifecycle.publish(ten); // re-published duplicate of a seen one
        lifecycle.publish(GenerationProgressed.of(id, Instant.now(), 30));

        try (Sse second = Sse.open(
                api().uri("/api/v1/events"),
                Map.of("Authorization", "Bearer " + Api.token(user), "Last-Event-ID", lastSeen))) {
            await().atMost(GenerationStreamTest.TIMEOUT)
                    .until(() -> second.events().size() >= 2);
            lifecycle.publish(GenerationProgressed.of(id, Instant.now(), 40));
            await().atMost(GenerationStreamTest.TIMEOUT)
                    .until(() -> second.events().size() >= 3);

            assertThat(second.events())
                    .extracting(event -> event.json().get("progress").asInt())
                    .containsExactly(20, 30, 40);
        }
    }

    @Test
    void aLastEventIdThatThisStreamNeverGaveIsABadRequest() {
        try (Sse forged = Sse.open(
                api().uri("/api/v1/events"),
                Map.of("Authorization", "Bearer " + Api.token(Api.newUser("forger")), "Last-Event-ID", "x.y.z"))) {
            assertThat(forged.status()).isEqualTo(400);
            assertThat(forged.header("Content-Type")).isEqualTo("application/problem+json");
        }
    }
}
