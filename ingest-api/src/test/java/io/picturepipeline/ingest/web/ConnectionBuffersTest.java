package io.picturepipeline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The smaller per-connection buffers ({@link ConnectionBuffers}) limit nothing the API allows: headers up to Tomcat's
 * 8 KB limit, bodies larger than the read buffer, answers larger than the response buffer.
 */
class ConnectionBuffersTest extends IngestIntegrationTest {

    @Test
    void aTokenWithSevenKilobytesOfOtherHeadersIsServed() {
        String user = Api.newUser("headers");
        HttpRequest.Builder request = HttpRequest.newBuilder(api().uri("/api/v1/limits"))
                .header("Authorization", "Bearer " + Api.token(user));
        for (int i = 0; i < 7; i++) {
            request.header("X-Padding-" + i, "p".repeat(1_000));
        }

        Api.Response response = api().send(request);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void aSubmissionSeveralTimesTheReadBufferIsAccepted() {
        String user = Api.newUser("body");
        String prompt = "夜明けの灯台、油絵の具で。".repeat(153); // 1,989 characters, 5,967 bytes of UTF-8

        Api.Response response = api().submit(user, "{\"prompt\": \"" + prompt + "\"}");

        assertThat(prompt.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(2 * ConnectionBuffers.READ_BUFFER);
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
    }

    @Test
    void anAnswerMuchLargerThanTheResponseBufferArrivesWhole() {
        Api.Response response = api().send(HttpRequest.newBuilder(api().uri("/v3/api-docs")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bytes().length).isGreaterThan(10 * LeanHttp11NioProtocol.RESPONSE_BUFFER);
        assertThat(response.json().get("paths").has("/api/v1/events")).isTrue();
    }
}
