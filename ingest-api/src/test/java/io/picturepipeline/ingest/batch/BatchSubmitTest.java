package io.picturepipeline.ingest.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.BatchApi;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.ReadModel;
import io.picturepipeline.ingest.Topic;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BatchSubmitTest extends IngestIntegrationTest {

    @Test
    void aBatchIsAcceptedInOneResponseAndEachItemBecomesAGenerationCarryingTheBatchId() {
        String user = Api.newUser("batcher");

        Api.Response accepted = BatchApi.submit(api(), user, BatchApi.items(3), null);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        UUID batchId = UUID.fromString(accepted.json().get("id").asString());
        assertThat(accepted.header("Location")).endsWith("/api/v1/batches/" + batchId);
        List<UUID> items = BatchApi.itemIds(accepted.json().get("items"));
        assertThat(items).hasSize(3).doesNotHaveDuplicates();
        assertThat(jdbc.sql("select id from ingest.generation_request where batch_id = ? order by batch_position")
                        .param(batchId)
                        .query(UUID.class)
                        .list())
                .containsExactlyElementsOf(items);

        JsonNode batch = api().get(user, "/api/v1/batches/" + batchId).json();
        assertThat(batch.get("size").asInt()).isEqualTo(3);
        assertThat(batch.get("ended").asBoolean()).isFalse();
        assertThat(batch.get("counts").get("queued").asInt()).isEqualTo(3);
        assertThat(batch.get("counts").get("completed").asInt()).isZero();
        assertThat(BatchApi.itemIds(batch.get("items"))).containsExactlyElementsOf(items);
        assertThat(batch.get("items").get(2).get("prompt").asString()).isEqualTo("picture 2");

        items.forEach(this::awaitPublished);
        assertThat(Topic.requestedBy(Topics.GENERATE, user))
                .extracting(GenerationRequested::batchId)
                .containsExactly(batchId, batchId, batchId);
    }

    @Test
    void aBatchOfFiftyOneItemsIsRefusedWholeAndNothingIsStored() {
        String user = Api.newUser("greedy");

        Api.Response refused = BatchApi.submit(api(), user, BatchApi.items(51), null);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("items");
        assertNothingStoredFor(user);
    }

    @Test
    void oneInvalidItemRefusesTheBatchWithA400NamingTheItemAndField() {
        String user = Api.newUser("sloppy");
        String body = BatchApi.items(5).replace("\"picture 3\"}", "\"picture 3\", \"width\": 0}");

        Api.Response refused = BatchApi.submit(api(), user, body, null);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        refused.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactly("items[3].width");
        assertNothingStoredFor(user);
    }

    @Test
    void aBatchOverTheRemainingAllowanceIsA429SayingHowManyWouldFitAndStoresNothing() {
        String user = Api.newUser("heavy");
        BatchApi.submitValid(api(), user, 15);

        Api.Response refused = BatchApi.submit(api(), user, BatchApi.items(6), null);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.json().get("fits").asInt()).isEqualTo(5);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(requestsOf(user)).isEqualTo(15);
        assertThat(batchesOf(user)).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyAnswersTheSameBatchAgainAndRefusesAnotherBody() {
        String user = Api.newUser("retrier");
        String key = "batch-" + UUID.randomUUID();

        Api.Response first = BatchApi.submit(api(), user, BatchApi.items(2), key);
        Api.Response again = BatchApi.submit(api(), user, BatchApi.items(2), key);
        Api.Response other = BatchApi.submit(api(), user, BatchApi.items(3), key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(again.json().get("items")).isEqualTo(first.json().get("items"));
        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(requestsOf(user)).isEqualTo(2);
        assertThat(batchesOf(user)).isEqualTo(1);
    }

    @Test
    void anotherUsersBatchIsA404() {
        UUID batchId = BatchApi.submitValid(api(), Api.newUser("owner"), 1);
        String stranger = Api.newUser("stranger");

        assertThat(api().get(stranger, "/api/v1/batches/" + batchId).status()).isEqualTo(404);
        assertThat(api().get(stranger, "/api/v1/batches/" + batchId + "/events").status())
                .isEqualTo(404);
        assertThat(api().send(java.net.http.HttpRequest.newBuilder(api().uri("/api/v1/batches/" + batchId))
                                .header("Authorization", "Bearer " + Api.token(stranger))
                                .DELETE())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void cancellingABatchCancelsWhatHasNotEnded() {
        String user = Api.newUser("canceller");
        UUID batchId = BatchApi.submitValid(api(), user, 2);
        List<UUID> items = BatchApi.itemIds(
                api().get(user, "/api/v1/batches/" + batchId).json().get("items"));
        ReadModel.project(jdbc, items.get(0), user, "completed", row -> row.set("completed_at", Instant.now()));

        Api.Response cancelling = api().send(
                        java.net.http.HttpRequest.newBuilder(api().uri("/api/v1/batches/" + batchId))
                                .header("Authorization", "Bearer " + Api.token(user))
                                .DELETE());

        assertThat(cancelling.status()).as(cancelling.toString()).isEqualTo(202);
        assertThat(cancelling.json().get("cancelling").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("select generation_id from ingest.cancellation where owner = ?")
                        .param(user)
                        .query(UUID.class)
                        .list())
                .containsExactly(items.get(1));
    }

    private void assertNothingStoredFor(String user) {
        assertThat(requestsOf(user)).isZero();
        assertThat(batchesOf(user)).isZero();
    }

    private int requestsOf(String user) {
        return jdbc.sql("select count(*) from ingest.generation_request where owner = ?")
                .param(user)
                .query(Integer.class)
                .single();
    }

    private int batchesOf(String user) {
        return jdbc.sql("select count(*) from ingest.batch where owner = ?")
                .param(user)
                .query(Integer.class)
                .single();
    }
}
