package io.picturepipeline.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FaultInjectionTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private LocalProvider provider;
    private ProviderClient client;

    @BeforeEach
    void start() {
        provider = LocalProvider.start(LocalProviderSettings.defaults().withLatency(Duration.ZERO));
        client = new ProviderClient(provider.baseUrl());
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void errorRateOfOneFailsEveryCreateWithThatStatusAndAJsonDetail() {
        provider.faults(Faults.none().withErrorRate(503, 1.0));

        ProviderClient.Response response = client.send("POST", "/v1/predictions", validBody("a cat"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().path("detail").asString()).contains("Service Unavailable");
        assertThat(provider.stats().createRequests()).isEqualTo(1);
        assertThat(provider.stats().created()).isZero();
    }

    @Test
    void errorRateAlsoFailsPolls() {
        String id = client.create(ProviderClient.input("a cat")).path("id").asString();
        provider.faults(Faults.none().withErrorRate(500, 1.0));

        ProviderClient.Response poll = client.get("/v1/predictions/" + id);

        assertThat(poll.status()).isEqualTo(500);
        assertThat(poll.json().path("detail").isString()).isTrue();
    }

    @Test
    void rateLimitAnswers429WithRetryAfter() {
        provider.faults(Faults.none().withRateLimit(1.0, 7));

        ProviderClient.Response response = client.send("POST", "/v1/predictions", validBody("a cat"));

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(response.json().path("detail").asString()).contains("throttled");
    }

    @Test
    void permanentFailureRateMakesPredictionsEndFailedWithAnError() {
        provider.faults(Faults.none().withPermanentFailureRate(1.0));
        String id = client.create(ProviderClient.input("a cat")).path("id").asString();

        JsonNode failed = client.awaitStatus(id, "failed");

        assertThat(failed.path("error").asString()).contains("NSFW");
        assertThat(failed.path("output").isNull()).isTrue();
        assertThat(client.get("/files/" + id + "/0.png").status()).isEqualTo(404);
    }

    @Test
    void hungRequestIsNeverAnsweredSoAClientTimeoutFires() {
        provider.faults(Faults.none().withHangRate(1.0));

        assertThatThrownBy(() -> client.http()
                        .send(
                                client.request("POST", "/v1/predictions", validBody("a cat"))
                                        .timeout(Duration.ofMillis(500))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(provider.stats().hungRequests()).isEqualTo(1);
        assertThat(provider.stats().created()).isZero();
    }

    @Test
    void oversizedBodyFaultPadsTheFileToThatSizeBehindAPngHeader() {
        String url = succeededOutput("a cat");
        provider.faults(Faults.none().withOversizedBody(3_000_000));

        ProviderClient.Response file = client.get(url);

        assertThat(file.body()).hasSize(3_000_000);
        assertThat(Arrays.copyOf(file.body(), 8)).isEqualTo(PNG_SIGNATURE);
        assertThat(file.headers().firstValueAsLong("Content-Length")).hasValue(3_000_000);
    }

    @Test
    void endlessBodyFaultKeepsStreamingPastAnySensibleSize() throws Exception {
        String url = succeededOutput("a cat");
        provider.faults(Faults.none().withEndlessBody(true));

        HttpResponse<InputStream> response =
                client.http().send(client.request("GET", url, null).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] first = body.readNBytes(8);
            long more = body.readNBytes(8 * 1024 * 1024).length;

            assertThat(first).isEqualTo(PNG_SIGNATURE);
            assertThat(more).isEqualTo(8 * 1024 * 1024);
            assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        }
    }

    @Test
    void slowBodyFaultThrottlesDownloads() {
        String url = succeededOutput("a cat");
        provider.faults(Faults.none().withSlowBody(20_000).withOversizedBody(10_000));

        long startNanos = System.nanoTime();
        ProviderClient.Response file = client.get(url);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);

        assertThat(file.body()).hasSizeGreaterThanOrEqualTo(10_000);
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void permanentPromptTriggerEndsThePredictionFailed() {
        String id = client.create(ProviderClient.input("a cat [fail:permanent]"))
                .path("id")
                .asString();

        assertThat(client.awaitStatus(id, "failed").path("error").asString()).isNotBlank();
    }

    @Test
    void createStatusPromptTriggersAnswerThatStatus() {
        for (int status : new int[] {400, 422, 500, 503}) {
            ProviderClient.Response response =
                    client.send("POST", "/v1/predictions", validBody("x [fail:create:" + status + "]"));

            assertThat(response.status()).isEqualTo(status);
            assertThat(response.json().path("detail").asString()).contains("[fail:create:" + status + "]");
        }
        assertThat(provider.stats().created()).isZero();
    }

    @Test
    void rateLimitPromptTriggerAnswers429WithRetryAfter() {
        ProviderClient.Response response = client.send("POST", "/v1/predictions", validBody("x [fail:create:429]"));

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void failTimesPromptTriggerFailsTheFirstNCreatesThenSucceeds() {
        String body = validBody("flaky [fail:times=2]");

        assertThat(client.send("POST", "/v1/predictions", body).status()).isEqualTo(503);
        assertThat(client.send("POST", "/v1/predictions", body).status()).isEqualTo(503);
        assertThat(client.send("POST", "/v1/predictions", body).status()).isEqualTo(201);
        assertThat(client.send("POST", "/v1/predictions", body).status()).isEqualTo(201);
        assertThat(client.send("POST", "/v1/predictions", validBody("other [fail:times=2]"))
                        .status())
                .isEqualTo(503);

        LocalProvider.Stats stats = provider.stats();
        assertThat(stats.createRequests()).isEqualTo(5);
        assertThat(stats.created()).isEqualTo(2);
        assertThat(stats.injectedErrors()).isEqualTo(3);
    }

    private String succeededOutput(String prompt) {
        JsonNode created =
                client.create(ProviderClient.input(prompt).put("width", 64).put("height", 64));
        return client.awaitStatus(created.path("id").asString(), "succeeded")
                .path("output")
                .get(0)
                .asString();
    }

    private static String validBody(String prompt) {
        return ProviderClient.body("black-forest-labs/flux-schnell", ProviderClient.input(prompt))
                .toString();
    }
}
