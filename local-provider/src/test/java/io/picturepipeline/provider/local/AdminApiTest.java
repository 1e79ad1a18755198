package io.picturepipeline.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AdminApiTest {

    private LocalProvider provider;
    private ProviderClient client;

    @BeforeEach
    void start() {
        provider = LocalProvider.start(LocalProviderSettings.defaults().withLatency(Duration.ofMillis(50)));
        client = new ProviderClient(provider.baseUrl());
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void putFaultsSwitchesTheRunningProviderToFailAndDeleteResetsIt() {
        ProviderClient.Response put = client.send(
                "PUT",
                "/admin/faults",
                "{\"latency\":\"PT2S\",\"latencyJitter\":\"PT0.5S\",\"errorRates\":{\"500\":1.0},"
                        + "\"retryAfterSeconds\":2,\"oversizedBodyBytes\":100}");

        assertThat(put.status()).isEqualTo(200);
        JsonNode active = client.get("/admin/faults").json();
        assertThat(active.path("latency").asString()).isEqualTo("PT2S");
        assertThat(active.path("latencyJitter").asString()).isEqualTo("PT0.5S");
        assertThat(active.path("errorRates").path("500").asDouble()).isEqualTo(1.0);
        assertThat(active.path("hangRate").asDouble()).isZero();
        assertThat(provider.faults().oversizedBodyBytes()).isEqualTo(100);
        assertThat(client.send("POST", "/v1/predictions", validBody()).status()).isEqualTo(500);

        ProviderClient.Response reset = client.send("DELETE", "/admin/faults", null);

        assertThat(reset.json().path("latency").asString()).isEqualTo("PT0.05S");
        assertThat(reset.json().path("errorRates").isEmpty()).isTrue();
        assertThat(client.send("POST", "/v1/predictions", validBody()).status()).isEqualTo(201);
    }

    @Test
    void patchFaultsChangesOnlyTheGivenFields() {
        client.send("PUT", "/admin/faults", "{\"rateLimitRate\":0.5}");

        client.send("PATCH", "/admin/faults", "{\"hangRate\":0.25}");

        assertThat(provider.faults().rateLimitRate()).isEqualTo(0.5);
        assertThat(provider.faults().hangRate()).isEqualTo(0.25);
    }

    @Test
    void invalidFaultsAreRejectedWith422AndLeaveTheFaultsUnchanged() {
        ProviderClient.Response unknownField = client.send("PUT", "/admin/faults", "{\"errorRate\":{\"500\":1}}");
        ProviderClient.Response badRate = client.send("PUT", "/admin/faults", "{\"hangRate\":2}");
        ProviderClient.Response badDuration = client.send("PUT", "/admin/faults", "{\"latency\":\"2 seconds\"}");

        assertThat(unknownField.status()).isEqualTo(422);
        assertThat(unknownField.json().path("detail").asString()).contains("errorRate");
        assertThat(badRate.status()).isEqualTo(422);
        assertThat(badDuration.status()).isEqualTo(422);
        assertThat(provider.faults()).isEqualTo(Faults.none().withLatency(Duration.ofMillis(50)));
    }

    @Test
    void statsCountCreatesPollsAndDownloadsByStatus() {
        String id = client.create(
                        ProviderClient.input("counted").put("width", 32).put("height", 32))
                .path("id")
                .asString();
        JsonNode done = client.awaitStatus(id, "succeeded");
        client.get(done.path("output").get(0).asString());

        JsonNode stats = client.get("/admin/stats").json();

        assertThat(stats.path("created").asLong()).isEqualTo(1);
        assertThat(stats.path("createRequests").asLong()).isEqualTo(1);
        assertThat(stats.path("polls").asLong()).isPositive();
        assertThat(stats.path("fileDownloads").asLong()).isEqualTo(1);
        assertThat(stats.path("byStatus").path("succeeded").asLong()).isEqualTo(1);
        assertThat(stats.path("byStatus").path("processing").asLong()).isZero();
        assertThat(provider.stats().created()).isEqualTo(1);
    }

    @Test
    void healthAnswersUp() {
        assertThat(client.get("/health").json().path("status").asString()).isEqualTo("UP");
    }

    private static String validBody() {
        return ProviderClient.body("owner/model", ProviderClient.input("admin")).toString();
    }
}
