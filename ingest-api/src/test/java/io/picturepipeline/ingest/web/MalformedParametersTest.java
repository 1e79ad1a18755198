package io.picturepipeline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed parameter, header and cursor is a 400 problem naming it: never a 404, never a 500. */
class MalformedParametersTest extends IngestIntegrationTest {

    private String user;
    private UUID generation;

    @BeforeEach
    void aGenerationOfTheCaller() {
        user = Api.newUser("malformed");
        generation = api().submitValid(user, "a kite");
    }

    @ParameterizedTest(name = "{0} {1} → {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET    | /api/v1/generations?cursor={farFuture}              |                          | cursor",
                "GET    | /api/v1/generations?cursor={farPast}                |                          | cursor",
                "GET    | /api/v1/generations?cursor=bm9wZQ                   |                          | cursor",
                "GET    | /api/v1/generations?limit=abc                       |                          | limit",
                "GET    | /api/v1/generations?limit=0                         |                          | limit",
                "GET    | /api/v1/generations?limit=99999999999               |                          | limit",
                "GET    | /api/v1/generations?status=running                  |                          | status",
                "GET    | /api/v1/generations/not-a-uuid                      |                          | id",
                "GET    | /api/v1/generations/1-2-3-4-5                       |                          | id",
                "DELETE | /api/v1/generations/not-a-uuid                      |                          | id",
                "GET    | /api/v1/generations/not-a-uuid/events               |                          | id",
                "GET    | /api/v1/generations/not-a-uuid/images/0             |                          | id",
                "GET    | /api/v1/generations/{id}/images/-1                  |                          | index",
                "GET    | /api/v1/generations/{id}/images/abc                 |                          | index",
                "GET    | /api/v1/generations/{id}/images/99999999999         |                          | index",
                "GET    | /api/v1/generations/{id}/events                     | Last-Event-ID: -5        | Last-Event-ID",
                "GET    | /api/v1/generations/{id}/events                     | Last-Event-ID: abc       | Last-Event-ID",
                "GET    | /api/v1/events                                      | Last-Event-ID: v1:zzzzzzzzzzzzzzzz | Last-Event-ID",
                "GET    | /api/v1/events?lastEventId=v2:0                     |                          | Last-Event-ID",
                "POST   | /api/v1/generations                                 | Idempotency-Key: {long}  | Idempotency-Key",
            })
    void aMalformedParameterIsA400ProblemNamingIt(String method, String path, String header, String named) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(api().uri(fill(path))).header("Authorization", "Bearer " + Api.token(user));
        if (header != null) {
            int colon = header.indexOf(':');
            request.header(
                    header.substring(0, colon), fill(header.substring(colon + 1).trim()));
        }
        if ("POST".equals(method)) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"a kite\"}"));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }

        Api.Response response = api().send(request);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().at("/errors/0/field").asString()).isEqualTo(named);
        assertThat(jdbc.sql("select count(*) from ingest.generation_request where owner = ?")
                        .param(user)
                        .query(Integer.class)
                        .single())
                .as("nothing stored but the one generation")
                .isEqualTo(1);
    }

    private String fill(String text) {
        return text.replace("{id}", generation.toString())
                .replace("{farFuture}", cursor(Long.MAX_VALUE))
                .replace("{farPast}", cursor(Long.MIN_VALUE + 1))
                .replace("{long}", "k".repeat(300));
    }

    /** A cursor as the API encodes them, with a timestamp PostgreSQL cannot hold. */
    private static String cursor(long micros) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((micros + ":" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    }
}
