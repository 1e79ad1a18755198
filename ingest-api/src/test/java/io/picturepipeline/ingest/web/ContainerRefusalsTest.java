package io.picturepipeline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Refusals made before any controller runs are problems naming what is at fault too (found by the API fuzzer). */
class ContainerRefusalsTest extends IngestIntegrationTest {

    @Test
    void anAcceptHeaderThatIsNoMediaTypeListIsA400ProblemNamingIt() {
        String user = Api.newUser("accept");
        for (String accept : new String[] {"garbage", "*/*;q=x"}) {
            Api.Response response = api().send(HttpRequest.newBuilder(api().uri("/api/v1/limits"))
                    .header("Authorization", "Bearer " + Api.token(user))
                    .header("Accept", accept));

            assertThat(response.status()).as(accept).isEqualTo(400);
            assertThat(response.contentType()).as(accept).isEqualTo("application/problem+json");
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("Accept");
        }
    }

    @Test
    void aPathTheFirewallRefusesIsA400ProblemNamingThePath() {
        Api.Response response = api().send(HttpRequest.newBuilder(api().uri("/api/v1/generations///"))
                .header("Authorization", "Bearer " + Api.token(Api.newUser("firewall"))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("path");
    }

    @Test
    void aRequestTomcatRefusesIsA400ProblemNotItsHtmlPage() {
        Api.Response tooLarge =
                api().send(HttpRequest.newBuilder(api().uri("/api/v1/limits")).header("X-Huge", "h".repeat(16_384)));
        Api.Response encodedSlash =
                api().send(HttpRequest.newBuilder(api().uri("/api/v1/generations/..%2F..%2Fetc%2Fpasswd/events")));

        for (Api.Response response : new Api.Response[] {tooLarge, encodedSlash}) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.contentType()).as(response.toString()).isEqualTo("application/problem+json");
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("request");
        }
    }
}
