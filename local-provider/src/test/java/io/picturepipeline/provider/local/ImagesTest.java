package io.picturepipeline.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ImagesTest {

    private static LocalProvider provider;
    private static ProviderClient client;

    @BeforeAll
    static void start() {
        provider = LocalProvider.start(LocalProviderSettings.defaults().withLatency(Duration.ZERO));
        client = new ProviderClient(provider.baseUrl());
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void outputIsAPngOfTheRequestedSize() throws IOException {
        ProviderClient.Response file =
                download(ProviderClient.input("a castle").put("width", 320).put("height", 200));

        assertThat(file.status()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(file.body()));
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(200);
    }

    @Test
    void samePromptAndSeedGiveByteIdenticalPngsAndAnotherSeedDoesNot() {
        byte[] first = download(ProviderClient.input("a castle")
                        .put("seed", 7)
                        .put("width", 256)
                        .put("height", 256))
                .body();
        byte[] again = download(ProviderClient.input("a castle")
                        .put("seed", 7)
                        .put("width", 256)
                        .put("height", 256))
                .body();
        byte[] otherSeed = download(ProviderClient.input("a castle")
                        .put("seed", 8)
                        .put("width", 256)
                        .put("height", 256))
                .body();

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void eachOutputIndexIsADifferentImage() {
        JsonNode done = succeeded(ProviderClient.input("twins")
                .put("num_outputs", 2)
                .put("width", 64)
                .put("height", 64));

        byte[] first = client.get(done.path("output").get(0).asString()).body();
        byte[] second = client.get(done.path("output").get(1).asString()).body();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aspectRatioDeterminesTheSize() throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                download(ProviderClient.input("a wide view").put("aspect_ratio", "16:9"))
                        .body()));

        assertThat(image.getWidth()).isEqualTo(1344);
        assertThat(image.getHeight()).isEqualTo(768);
    }

    @ParameterizedTest
    @CsvSource({
        "1:1,1024,1024",
        "16:9,1344,768",
        "9:16,768,1344",
        "4:3,1152,896",
        "3:4,896,1152",
        "3:2,1216,832",
        "2:3,832,1216",
        "custom,1024,1024",
        "2:1,1472,704"
    })
    void aspectRatioMapsToFluxDimensions(String ratio, int width, int height) {
        assertThat(AspectRatios.dimensions(ratio)).containsExactly(width, height);
    }

    @Test
    void recraftSvgModelServesSvgFiles() {
        ProviderClient.Response created = client.send(
                "POST", "/v1/models/recraft-ai/recraft-v3-svg/predictions", "{\"input\":{\"prompt\":\"a logo\"}}");
        String id = created.json().path("id").asString();
        JsonNode done = client.awaitStatus(id, "succeeded");

        String url = done.path("output").get(0).asString();
        ProviderClient.Response file = client.get(url);

        assertThat(url).endsWith("/0.svg");
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(new String(file.body(), StandardCharsets.UTF_8))
                .startsWith("<svg")
                .contains("</svg>");
        assertThat(client.get(url).body()).isEqualTo(file.body());
    }

    @Test
    void recraftRasterModelAskingForSvgOutputFormatServesSvg() {
        ProviderClient.Response created = client.send(
                "POST",
                "/v1/models/recraft-ai/recraft-v3/predictions",
                "{\"input\":{\"prompt\":\"a logo\",\"style\":\"vector_illustration\"}}");

        JsonNode done = client.awaitStatus(created.json().path("id").asString(), "succeeded");

        assertThat(done.path("output").get(0).asString()).endsWith(".svg");
    }

    @Test
    void realEsrganFetchesItsImageAndServesItScaleTimesLargerAsOneOutputUrl() throws IOException {
        String source = succeeded(
                        ProviderClient.input("a small tile").put("width", 64).put("height", 48))
                .path("output")
                .get(0)
                .asString();

        JsonNode done = createFor(
                "nightmareai/real-esrgan",
                "{\"input\":{\"image\":\"" + source + "\",\"scale\":2,\"face_enhance\":false}}");

        assertThat(done.path("output").isString()).as(done.toString()).isTrue();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                client.get(done.path("output").asString()).body()));
        assertThat(image.getWidth()).isEqualTo(128);
        assertThat(image.getHeight()).isEqualTo(96);
    }

    @Test
    void anImageToImagePredictionHasTheSizeOfItsSource() throws IOException {
        String source = succeeded(
                        ProviderClient.input("a small tile").put("width", 64).put("height", 48))
                .path("output")
                .get(0)
                .asString();

        JsonNode done = createFor(
                "black-forest-labs/flux-dev",
                "{\"input\":{\"prompt\":\"the same, at dusk\"," + "\"image\":\"" + source
                        + "\",\"prompt_strength\":0.5,\"width\":1024,\"height\":1024}}");

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                client.get(done.path("output").get(0).asString()).body()));
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(48);
    }

    @Test
    void anImageThatCannotBeFetchedRefusesTheCreateWith422() {
        ProviderClient.Response created = client.send(
                "POST",
                "/v1/models/nightmareai/real-esrgan/predictions",
                "{\"input\":{\"image\":\"" + provider.baseUrl() + "/files/nothing/0.png\",\"scale\":2}}");

        assertThat(created.status()).isEqualTo(422);
        assertThat(new String(created.body(), StandardCharsets.UTF_8)).contains("input.image");
    }

    private static JsonNode createFor(String model, String body) {
        ProviderClient.Response created = client.send("POST", "/v1/models/" + model + "/predictions", body);
        assertThat(created.status())
                .as(new String(created.body(), StandardCharsets.UTF_8))
                .isEqualTo(201);
        return client.awaitStatus(created.json().path("id").asString(), "succeeded");
    }

    @Test
    void filesOfUnfinishedOrUnknownPredictionsAre404() {
        String id = client.create(ProviderClient.input("slow [latency:PT60S]"))
                .path("id")
                .asString();

        assertThat(client.get("/files/" + id + "/0.png").status()).isEqualTo(404);
        assertThat(client.get("/files/unknown/0.png").status()).isEqualTo(404);
    }

    private static ProviderClient.Response download(ObjectNode input) {
        return client.get(succeeded(input).path("output").get(0).asString());
    }

    private static JsonNode succeeded(ObjectNode input) {
        return client.awaitStatus(client.create(input).path("id").asString(), "succeeded");
    }
}
