package io.picturepipeline.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.BatchApi;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.Lifecycle;
import io.picturepipeline.ingest.Sse;
import io.picturepipeline.schemas.GenerationFailed;
import io.picturepipeline.schemas.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

class BatchStreamTest extends IngestIntegrationTest {

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
    void aBatchsStreamCarriesEveryItemsEventsAndEndsWithTheLastItemsTerminalEvent() {
        String user = Api.newUser("batch-watcher");
        UUID batchId = BatchApi.submitValid(api(), user, 2);
        List<UUID> items = BatchApi.itemIds(
                api().get(user, "/api/v1/batches/" + batchId).json().get("items"));
        items.forEach(this::awaitPublished);
        String path = "/api/v1/batches/" + batchId + "/events";
        String lastId;

        try (Sse stream = Sse.open(api(), path, user)) {
            assertThat(stream.status()).isEqualTo(200);
            lifecycle.publish(GenerationStreamTest.completed(items.get(0)));
            await().atMost(TIMEOUT).until(() -> stream.names().contains("completed"));
            assertThat(stream.ended()).as("one item is still running").isFalse();

            lifecycle.publish(
                    GenerationFailed.of(items.get(1), Instant.now(), Stage.GENERATE, "ProviderFailed", "no luck"));
            await().atMost(TIMEOUT).until(stream::ended);

            assertThat(stream.names()).containsExactlyInAnyOrder("status", "status", "completed", "failed");
            assertThat(stream.events())
                    .extracting(event ->
                            UUID.fromString(event.json().get("generationId").asString()))
                    .containsOnly(items.get(0), items.get(1));
            lastId = stream.last().id();
        }

        try (Sse again = Sse.open(
                api().uri(path), Map.of("Authorization", "Bearer " + Api.token(user), "Last-Event-ID", lastId))) {
            assertThat(again.status()).as("every item's end was seen").isEqualTo(204);
        }
    }

    @Test
    void anotherUsersBatchHasNoStream() {
        UUID batchId = BatchApi.submitValid(api(), Api.newUser("batch-owner"), 1);

        try (Sse stream = Sse.open(api(), "/api/v1/batches/" + batchId + "/events", Api.newUser("peeker"))) {
            assertThat(stream.status()).isEqualTo(404);
        }
    }
}
