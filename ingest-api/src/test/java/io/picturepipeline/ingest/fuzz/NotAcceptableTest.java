package io.picturepipeline.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/**
 * The first defect the fuzzer found: an {@code Accept} that excludes JSON was refused (406) only after the handler
 * had stored the submission or the ticket, so the client was told no while the generation ran and counted.
 */
class NotAcceptableTest extends IngestIntegrationTest {

    @Test
    void aSubmissionWhoseAcceptExcludesJsonIsRefusedBeforeAnythingIsStored() {
        String user = Api.newUser("html-only");
        StoredRows before = StoredRows.count(jdbc);

        Api.Response response = api().send(HttpRequest.newBuilder(api().uri("/api/v1/generations"))
                .header("Authorization", Tokens.good(user))
                .header("Content-Type", "application/json")
                .header("Accept", "text/html")
                .header("Idempotency-Key", "html-only-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"a lighthouse\"}")));

        assertThat(response.status()).as(response.toString()).isEqualTo(406);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(StoredRows.grownSince(before, jdbc)).isEmpty();
    }

    @Test
    void aStreamTicketWhoseAcceptExcludesJsonIsNeitherIssuedNorStored() {
        StoredRows before = StoredRows.count(jdbc);

        Api.Response response = api().send(HttpRequest.newBuilder(api().uri("/api/v1/stream-tickets"))
                .header("Authorization", Tokens.good(Api.newUser("xml-only")))
                .header("Accept", "application/xml")
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.status()).as(response.toString()).isEqualTo(406);
        assertThat(StoredRows.grownSince(before, jdbc)).isEmpty();
    }
}
