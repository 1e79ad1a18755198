package io.picturepipeline.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RequestValidationTest {

    private static LocalProvider provider;
    private static ProviderClient client;

    @BeforeAll
    static void start() {
        provider = LocalProvider.start(LocalProviderSettings.defaults().withApiToken("r8_secret"));
        client = new ProviderClient(provider.baseUrl(), "r8_secret");
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void requestWithoutTokenIsRejectedWith401() {
        ProviderClient.Response response =
                new ProviderClient(provider.baseUrl(), null).send("POST", "/v1/predictions", "{}");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("detail").asString()).isEqualTo("You did not pass an authentication token");
        assertThat(provider.stats().created()).isZero();
    }

    @Test
    void requestWithAnotherTokenThanTheConfiguredOneIsRejectedWith401() {
        ProviderClient.Response response =
                new ProviderClient(provider.baseUrl(), "r8_wrong").get("/v1/predictions/abc");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("detail").asString()).contains("valid authentication token");
    }

    @Test
    void missingPromptIsRejectedWith422() {
        ProviderClient.Response response = client.send("POST", "/v1/predictions", "{\"version\":\"a/b\",\"input\":{}}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("status").asInt()).isEqualTo(422);
        assertThat(response.json().path("detail").asString()).contains("prompt");
    }

    @Test
    void blankPromptIsRejectedWith422() {
        ProviderClient.Response response =
                client.send("POST", "/v1/predictions", "{\"version\":\"a/b\",\"input\":{\"prompt\":\"  \"}}");

        assertThat(response.status()).isEqualTo(422);
    }

    @Test
    void unparseableJsonIsRejectedWith422() {
        ProviderClient.Response response = client.send("POST", "/v1/predictions", "{\"version\": oops");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("detail").asString()).contains("not valid JSON");
    }

    @Test
    void missingVersionIsRejectedWith422() {
        ProviderClient.Response response = client.send("POST", "/v1/predictions", "{\"input\":{\"prompt\":\"x\"}}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("detail").asString()).contains("version");
    }

    @Test
    void outOfRangeSizeIsRejectedWith422() {
        ProviderClient.Response response = client.send(
                "POST", "/v1/predictions", "{\"version\":\"a/b\",\"input\":{\"prompt\":\"x\",\"width\":99999}}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("detail").asString()).contains("input.width");
    }

    @Test
    void unknownPredictionIdAnswers404NotFound() {
        ProviderClient.Response response = client.get("/v1/predictions/doesnotexist");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("detail").asString()).isEqualTo("Not found.");
    }

    @Test
    void unknownPathAnswers404Json() {
        ProviderClient.Response response = client.get("/nothing/here");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("detail").asString()).isEqualTo("Not found.");
    }

    @Test
    void wrongMethodAnswers405() {
        assertThat(client.send("DELETE", "/v1/predictions", null).status()).isEqualTo(405);
    }
}
