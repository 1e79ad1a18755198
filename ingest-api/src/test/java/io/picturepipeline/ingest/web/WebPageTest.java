package io.picturepipeline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.schemas.ModelCatalogue;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebPageTest extends IngestIntegrationTest {

    @Test
    void thePageAndItsScriptAndStylesAreServedFromTheApiItself() {
        Api.Response page = api().send(HttpRequest.newBuilder(api().uri("/")));
        Api.Response script = api().send(HttpRequest.newBuilder(api().uri("/app.js")));
        Api.Response styles = api().send(HttpRequest.newBuilder(api().uri("/app.css")));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text())
                .contains("<script src=\"app.js\"", "id=\"prompt\"")
                .doesNotContain("http://", "https://");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).contains("javascript");
        assertThat(script.text()).contains("EventSource", "/api/v1/stream-tickets");
        assertThat(styles.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
    }

    @Test
    void theLocalProfileHandsOutTheDemoUsersTokenAndItWorks() {
        Api.Response demo = api().send(HttpRequest.newBuilder(api().uri("/api/v1/demo-token")));

        assertThat(demo.status()).isEqualTo(200);
        assertThat(demo.json().get("user").asString()).isEqualTo("demo");
        Api.Response limits = api().send(HttpRequest.newBuilder(api().uri("/api/v1/limits"))
                .header("Authorization", "Bearer " + demo.json().get("token").asString()));
        assertThat(limits.status()).as(limits.toString()).isEqualTo(200);
    }

    @Test
    void theModelsListTheCatalogueWithTheSizesEachAccepts() {
        JsonNode models =
                api().get(Api.newUser("picker"), "/api/v1/models").json().get("models");

        assertThat(models).hasSize(ModelCatalogue.all().size());
        JsonNode schnell = models.valueStream()
                .filter(model -> model.get("id").asString().equals("black-forest-labs/flux-schnell"))
                .findFirst()
                .orElseThrow();
        assertThat(schnell.get("isDefault").asBoolean()).isTrue();
        assertThat(schnell.get("sizes").get(0).get("label").asString()).isEqualTo("1:1");
        assertThat(schnell.get("sizes")
                        .valueStream()
                        .map(size -> size.get("width").asInt() + "x"
                                + size.get("height").asInt()))
                .contains("1344x768", "1024x1024");
        JsonNode sdxl = models.valueStream()
                .filter(model -> model.get("id").asString().equals("stability-ai/sdxl"))
                .findFirst()
                .orElseThrow();
        assertThat(sdxl.get("dimensions").get("multipleOf").asInt()).isEqualTo(8);
        assertThat(sdxl.get("sizes")).isNotEmpty();
    }
}
