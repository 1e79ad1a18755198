package io.picturepipeline.ingest.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.ReadModel;
import io.picturepipeline.ingest.Topic;
import io.picturepipeline.schemas.EventIds;
import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.Topics;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CancellationTest extends IngestIntegrationTest {

    @Test
    void cancellingALiveGenerationPublishesOneGenerationCancelledThroughTheOutbox() {
        String user = Api.newUser("canceller");
        UUID id = api().submitValid(user, "never mind");

        Api.Response first = cancel(user, id);
        Api.Response again = cancel(user, id);

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(first.json().get("id").asString()).isEqualTo(id.toString());
        assertThat(first.json().get("status").asString()).isEqualTo("cancelling");
        assertThat(again.status()).isEqualTo(202);
        List<GenerationCancelled> cancels =
                await().atMost(Duration.ofSeconds(30)).until(() -> cancelsOf(id), found -> !found.isEmpty());
        awaitPublished(id);
        assertThat(cancelsOf(id)).as("asking twice publishes once").hasSize(1);
        GenerationCancelled cancelled = cancels.get(0);
        assertThat(cancelled.eventId())
                .as("the terminal fact's id: a completion cannot also be applied")
                .isEqualTo(EventIds.forFact(id, "terminal"));
        assertThat(cancelled.reason()).isEqualTo("cancelled by owner");
    }

    @Test
    void aGenerationThatHasEndedCannotBeCancelled() {
        String user = Api.newUser("too-late");
        UUID id = api().submitValid(user, "done already");
        ReadModel.project(jdbc, id, user, "completed", row -> row.set("completed_at", Instant.now()));

        Api.Response response = cancel(user, id);

        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(409);
        assertThat(response.json().get("generationStatus").asString()).isEqualTo("completed");
        assertThat(countCancellations(id)).isZero();
    }

    @Test
    void anotherUsersGenerationCannotBeCancelledAndIsNotFound() {
        String owner = Api.newUser("owner");
        UUID id = api().submitValid(owner, "mine");

        Api.Response response = cancel(Api.newUser("vandal"), id);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(countCancellations(id)).isZero();
        assertThat(cancel(owner, UUID.randomUUID()).status()).isEqualTo(404);
    }

    private Api.Response cancel(String user, UUID id) {
        return api().send(HttpRequest.newBuilder(api().uri("/api/v1/generations/" + id))
                .header("Authorization", "Bearer " + Api.token(user))
                .DELETE());
    }

    private int countCancellations(UUID id) {
        return jdbc.sql("select count(*) from ingest.cancellation where generation_id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }

    private static List<GenerationCancelled> cancelsOf(UUID id) {
        return Topic.records(Topics.LIFECYCLE).stream()
                .filter(record -> record.key().equals(id.toString()))
                .map(Topic::decode)
                .filter(GenerationCancelled.class::isInstance)
                .map(GenerationCancelled.class::cast)
                .toList();
    }
}
