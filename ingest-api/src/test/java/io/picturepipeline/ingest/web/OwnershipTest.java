package io.picturepipeline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.ReadModel;
import io.picturepipeline.ingest.Sse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Another user's generation does not exist for them, on every endpoint that names one: 404, never 403. */
class OwnershipTest extends IngestIntegrationTest {

    @Test
    void everyEndpointOfAGenerationIsNotFoundForAnotherUser() throws IOException {
        String owner = Api.newUser("owner");
        String stranger = Api.newUser("stranger");
        UUID id = api().submitValid(owner, "mine alone");
        Path image = STORAGE_ROOT.resolve(id + "/0.png");
        Files.createDirectories(image.getParent());
        Files.write(image, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        ReadModel.project(
                jdbc,
                id,
                owner,
                "processing",
                row -> row.set("started_at", Instant.now())
                        .set(
                                "images",
                                "[{\"index\":0,\"key\":\"" + id
                                        + "/0.png\",\"contentType\":\"image/png\",\"bytes\":4}]"));
        String generation = "/api/v1/generations/" + id;

        assertNotFound(api().get(stranger, generation));
        assertNotFound(api().get(stranger, generation + "/images/0"));
        assertNotFound(api().send(HttpRequest.newBuilder(api().uri(generation))
                .header("Authorization", "Bearer " + Api.token(stranger))
                .DELETE()));
        try (Sse stream = Sse.open(api(), generation + "/events", stranger)) {
            assertThat(stream.status()).isEqualTo(404);
            assertThat(stream.header("Content-Type")).isEqualTo("application/problem+json");
        }
        String strangersTicket = api().send(HttpRequest.newBuilder(api().uri("/api/v1/stream-tickets"))
                        .header("Authorization", "Bearer " + Api.token(stranger))
                        .POST(HttpRequest.BodyPublishers.noBody()))
                .json()
                .get("ticket")
                .asString();
        try (Sse stream = Sse.open(api().uri(generation + "/events?ticket=" + strangersTicket), Map.of())) {
            assertThat(stream.status()).isEqualTo(404);
        }
        assertThat(api().get(stranger, "/api/v1/generations").json().get("items"))
                .isEmpty();

        assertThat(api().get(owner, generation).status()).isEqualTo(200);
        assertThat(api().get(owner, generation + "/images/0").status()).isEqualTo(200);
        try (Sse stream = Sse.open(api(), generation + "/events", owner)) {
            assertThat(stream.status()).isEqualTo(200);
        }
    }

    private static void assertNotFound(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }
}
