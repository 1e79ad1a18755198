package io.picturepipeline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Errors raised outside any controller come back as problem+json as well. */
class ErrorResponsesTest extends IngestIntegrationTest {

    @Test
    void aRequestTheFirewallRejectsIsAProblem() {
        Api.Response response = api().get(Api.newUser("sneaky"), "/api/v1/generations;jsessionid=1");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(400);
    }

    @Test
    void theRootNeedsNoTokenAndAnswersWithProblemsToo() {
        Api.Response response = api().send(HttpRequest.newBuilder(api().uri("/no-such-page.html")));

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }
}
