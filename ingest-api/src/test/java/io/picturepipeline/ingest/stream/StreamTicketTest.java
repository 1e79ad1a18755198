package io.picturepipeline.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.Sse;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Browsers' EventSource cannot send headers: a short-lived, single-use ticket stands in for the bearer token. */
class StreamTicketTest extends IngestIntegrationTest {

    @Test
    void aTicketOpensOneStreamOnceAndIsStoredOnlyAsItsHash() throws Exception {
        String user = Api.newUser("browser");
        UUID id = api().submitValid(user, "in a browser");
        JsonNode issued = ticket(user);
        String ticket = issued.get("ticket").asString();
        assertThat(issued.get("expiresInSeconds").asLong()).isBetween(55L, 60L);

        try (Sse stream = Sse.open(api().uri("/api/v1/generations/" + id + "/events?ticket=" + ticket), Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            await().atMost(GenerationStreamTest.TIMEOUT)
                    .until(() -> !stream.events().isEmpty());
        }
        try (Sse again = Sse.open(api().uri("/api/v1/generations/" + id + "/events?ticket=" + ticket), Map.of())) {
            assertThat(again.status()).as("single use").isEqualTo(401);
            assertThat(again.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(again.text()).contains("stream ticket");
        }
        assertThat(jdbc.sql("select count(*) from ingest.stream_ticket where owner = ?")
                        .param(user)
                        .query(Integer.class)
                        .single())
                .as("redeemed tickets are gone")
                .isZero();
        String unused = ticket(user).get("ticket").asString();
        assertThat(jdbc.sql("select token_hash from ingest.stream_ticket where owner = ?")
                        .param(user)
                        .query(byte[].class)
                        .single())
                .as("only the SHA-256 of a ticket is stored")
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(unused.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anExpiredTicketIsRefused() {
        String user = Api.newUser("slow-browser");
        String ticket = ticket(user).get("ticket").asString();
        jdbc.sql("update ingest.stream_ticket set expires_at = now() - interval '1 second' where owner = ?")
                .param(user)
                .update();

        try (Sse late = Sse.open(api().uri("/api/v1/events?ticket=" + ticket), Map.of())) {
            assertThat(late.status()).isEqualTo(401);
        }
    }

    @Test
    void aTicketOpensOnlyItsOwnersStreamsAndNothingElse() {
        String owner = Api.newUser("owner");
        String stranger = Api.newUser("stranger");
        UUID id = api().submitValid(owner, "mine");

        try (Sse foreign = Sse.open(
                api().uri("/api/v1/generations/" + id + "/events?ticket="
                        + ticket(stranger).get("ticket").asString()),
                Map.of())) {
            assertThat(foreign.status()).isEqualTo(404);
        }
        Api.Response list = api().send(HttpRequest.newBuilder(api().uri("/api/v1/generations?ticket="
                + ticket(owner).get("ticket").asString())));
        assertThat(list.status()).as("a ticket is not a bearer token").isEqualTo(401);
        Api.Response issueWithTicket = api().send(HttpRequest.newBuilder(api().uri("/api/v1/stream-tickets?ticket="
                        + ticket(owner).get("ticket").asString()))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(issueWithTicket.status()).isEqualTo(401);
    }

    @Test
    void anUnknownTicketIsA401() {
        try (Sse unknown = Sse.open(api().uri("/api/v1/events?ticket=not-a-ticket"), Map.of())) {
            assertThat(unknown.status()).isEqualTo(401);
            assertThat(unknown.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    private JsonNode ticket(String user) {
        Api.Response response = api().send(HttpRequest.newBuilder(api().uri("/api/v1/stream-tickets"))
                .header("Authorization", "Bearer " + Api.token(user))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }
}
