package io.picturepipeline.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PredictionLifecycleTest {

    private static LocalProvider provider;
    private static ProviderClient client;

    @BeforeAll
    static void start() {
        provider = LocalProvider.start(LocalProviderSettings.defaults().withLatency(Duration.ofMillis(300)));
        client = new ProviderClient(provider.baseUrl());
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void createAnswers201WithAStartingPredictionAndItsUrls() {
        ProviderClient.Response response = client.send(
                "POST",
                "/v1/predictions",
                ProviderClient.body("black-forest-labs/flux-schnell", ProviderClient.input("a red fox"))
                        .toString());

        assertThat(response.status()).isEqualTo(201);
        JsonNode created = response.json();
        String id = created.path("id").asString();
        assertThat(id).matches("[a-z2-7]{26}");
        assertThat(created.path("status").asString()).isEqualTo("starting");
        assertThat(created.path("model").asString()).isEqualTo("black-forest-labs/flux-schnell");
        assertThat(created.path("input").path("prompt").asString()).isEqualTo("a red fox");
        assertThat(created.path("output").isNull()).isTrue();
        assertThat(created.path("error").isNull()).isTrue();
        assertThat(created.path("logs").asString()).isEmpty();
        assertThat(Instant.parse(created.path("created_at").asString())).isBeforeOrEqualTo(Instant.now());
        assertThat(created.path("urls").path("get").asString()).isEqualTo(provider.baseUrl() + "/v1/predictions/" + id);
        assertThat(created.path("urls").path("cancel").asString()).endsWith("/v1/predictions/" + id + "/cancel");
        assertThat(response.headers().firstValue("Location")).hasValue(provider.baseUrl() + "/v1/predictions/" + id);
    }

    @Test
    void predictionSucceedsWithOneOutputUrlPerRequestedOutput() {
        JsonNode created = client.create(ProviderClient.input("two cats").put("num_outputs", 2));
        String id = created.path("id").asString();

        JsonNode done = client.awaitStatus(id, "succeeded");

        assertThat(done.path("output").isArray()).isTrue();
        assertThat(done.path("output").get(0).asString()).isEqualTo(provider.baseUrl() + "/files/" + id + "/0.png");
        assertThat(done.path("output").get(1).asString()).isEqualTo(provider.baseUrl() + "/files/" + id + "/1.png");
        assertThat(done.path("metrics").path("predict_time").asDouble()).isGreaterThan(0.2);
        assertThat(Instant.parse(done.path("completed_at").asString()))
                .isAfter(Instant.parse(done.path("started_at").asString()));
        assertThat(done.path("logs").asString()).contains("100%|██████████| 4/4");
    }

    @Test
    void modelEndpointCreatesAPredictionOfThatModel() {
        ProviderClient.Response response = client.send(
                "POST",
                "/v1/models/black-forest-labs/flux-dev/predictions",
                "{\"input\":{\"prompt\":\"a lighthouse\"}}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().path("model").asString()).isEqualTo("black-forest-labs/flux-dev");
        assertThat(response.json().path("version").asString()).matches("[0-9a-f]{64}");
    }

    @Test
    void versionFieldMayNameModelAndVersion() {
        ProviderClient.Response response = client.send(
                "POST",
                "/v1/predictions",
                ProviderClient.body("stability-ai/sdxl:39ed52f2", ProviderClient.input("a boat"))
                        .toString());

        assertThat(response.json().path("model").asString()).isEqualTo("stability-ai/sdxl");
        assertThat(response.json().path("version").asString()).isEqualTo("39ed52f2");
    }

    @Test
    void cancelEndsAnInFlightPredictionAsCanceled() {
        String id = client.create(ProviderClient.input("slow [latency:PT30S]"))
                .path("id")
                .asString();

        ProviderClient.Response canceled = client.send("POST", "/v1/predictions/" + id + "/cancel", null);

        assertThat(canceled.status()).isEqualTo(200);
        assertThat(canceled.json().path("status").asString()).isEqualTo("canceled");
        assertThat(canceled.json().path("completed_at").isNull()).isFalse();
        assertThat(client.get("/v1/predictions/" + id).json().path("status").asString())
                .isEqualTo("canceled");
        assertThat(provider.stats().byStatus()).containsKey("canceled");
    }

    @Test
    void cancelOfASucceededPredictionLeavesItSucceeded() {
        String id = client.create(ProviderClient.input("quick [latency:PT0S]"))
                .path("id")
                .asString();
        client.awaitStatus(id, "succeeded");

        ProviderClient.Response response = client.send("POST", "/v1/predictions/" + id + "/cancel", null);

        assertThat(response.json().path("status").asString()).isEqualTo("succeeded");
    }

    @Test
    void listReturnsPredictionsNewestFirst() {
        String older = client.create(ProviderClient.input("first")).path("id").asString();
        String newer = client.create(ProviderClient.input("second")).path("id").asString();

        JsonNode page = client.get("/v1/predictions").json();

        assertThat(page.path("next").isNull()).isTrue();
        assertThat(page.path("previous").isNull()).isTrue();
        assertThat(page.path("results").get(0).path("id").asString()).isEqualTo(newer);
        assertThat(page.path("results").get(1).path("id").asString()).isEqualTo(older);
    }

    @Test
    void preferWaitHoldsTheCreateAnswerUntilThePredictionEnds() {
        ProviderClient.Response response = client.send(client.request(
                        "POST",
                        "/v1/predictions",
                        ProviderClient.body("owner/model", ProviderClient.input("sync please"))
                                .toString())
                .header("Prefer", "wait=5")
                .build());

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(response.json().path("output").size()).isEqualTo(1);
    }
}
