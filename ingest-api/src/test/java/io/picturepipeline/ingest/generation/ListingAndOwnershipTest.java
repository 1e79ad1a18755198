package io.picturepipeline.ingest.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.ReadModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ListingAndOwnershipTest extends IngestIntegrationTest {

    @Test
    void anotherUsersGenerationIsNotFoundRatherThanForbidden() {
        String owner = Api.newUser("owner");
        String stranger = Api.newUser("stranger");
        UUID id = api().submitValid(owner, "mine alone");

        Api.Response response = api().get(stranger, "/api/v1/generations/" + id);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(api().get(owner, "/api/v1/generations/" + id).status()).isEqualTo(200);
    }

    @Test
    void anUnknownIdIsNotFoundAndAMalformedOneIsA400NamingIt() {
        String user = Api.newUser("seeker");

        assertThat(api().get(user, "/api/v1/generations/" + UUID.randomUUID()).status())
                .isEqualTo(404);
        Api.Response malformed = api().get(user, "/api/v1/generations/not-a-uuid");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().at("/errors/0/field").asString()).isEqualTo("id");
    }

    @Test
    void theListHoldsOnlyTheCallersOwnGenerationsNewestFirstIncludingUnprojectedOnes() {
        String user = Api.newUser("lister");
        String neighbour = Api.newUser("neighbour");
        List<UUID> submitted = submit(user, 3);
        api().submitValid(neighbour, "not yours");
        ReadModel.project(jdbc, submitted.get(0), user, "completed", row -> row.set("completed_at", Instant.now()));

        JsonNode page = api().get(user, "/api/v1/generations").json();

        assertThat(ids(page)).containsExactly(submitted.get(2), submitted.get(1), submitted.get(0));
        assertThat(page.get("items").get(2).get("status").asString()).isEqualTo("completed");
        assertThat(page.get("items").get(0).get("status").asString()).isEqualTo("queued");
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void theCursorWalksThroughEveryPageOnce() {
        String user = Api.newUser("pager");
        List<UUID> submitted = submit(user, 7);

        List<UUID> seen = new ArrayList<>();
        String path = "/api/v1/generations?limit=3";
        int pages = 0;
        while (path != null) {
            JsonNode page = api().get(user, path).json();
            seen.addAll(ids(page));
            pages++;
            JsonNode cursor = page.get("nextCursor");
            path = cursor.isNull() ? null : "/api/v1/generations?limit=3&cursor=" + cursor.asString();
        }

        assertThat(pages).isEqualTo(3);
        List<UUID> newestFirst = new ArrayList<>(submitted);
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void theStatusFilterSelectsByTheProjectedStatus() {
        String user = Api.newUser("filterer");
        List<UUID> submitted = submit(user, 4);
        ReadModel.project(jdbc, submitted.get(0), user, "completed", row -> {});
        ReadModel.project(jdbc, submitted.get(1), user, "processing", row -> row.set("progress", 40));
        ReadModel.project(jdbc, submitted.get(2), user, "completed", row -> {});

        JsonNode completed =
                api().get(user, "/api/v1/generations?status=completed").json();
        JsonNode processing =
                api().get(user, "/api/v1/generations?status=processing").json();
        JsonNode queued = api().get(user, "/api/v1/generations?status=queued").json();

        assertThat(ids(completed)).containsExactly(submitted.get(2), submitted.get(0));
        assertThat(ids(processing)).containsExactly(submitted.get(1));
        assertThat(processing.get("items").get(0).get("progress").asInt()).isEqualTo(40);
        assertThat(ids(queued)).containsExactly(submitted.get(3));
    }

    @Test
    void anUnknownStatusATooLargeLimitAndAForgedCursorAre400Problems() {
        String user = Api.newUser("sloppy");

        assertBadParameter(api().get(user, "/api/v1/generations?status=done"), "status");
        assertBadParameter(api().get(user, "/api/v1/generations?limit=101"), "limit");
        assertBadParameter(api().get(user, "/api/v1/generations?limit=0"), "limit");
        assertBadParameter(api().get(user, "/api/v1/generations?cursor=bm9wZQ"), "cursor");
    }

    private List<UUID> submit(String user, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(api().submitValid(user, "picture " + i));
        }
        return ids;
    }

    private static List<UUID> ids(JsonNode page) {
        return page.get("items")
                .valueStream()
                .map(item -> UUID.fromString(item.get("id").asString()))
                .toList();
    }

    private static void assertBadParameter(Api.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }
}
