package io.picturepipeline.ingest.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.ReadModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ImageServingTest extends IngestIntegrationTest {

    @Test
    void aStoredImageIsServedToItsOwnerWithItsTypeAndCachedForGood() throws IOException {
        String user = Api.newUser("painter");
        UUID id = api().submitValid(user, "a red square");
        byte[] png = png();
        store(id + "/0.png", png);
        ReadModel.project(
                jdbc, id, user, "completed", row -> row.set("images", images(id, 0, "png", "image/png", png.length)));

        Api.Response response = api().get(user, "/api/v1/generations/" + id + "/images/0");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("image/png");
        assertThat(response.bytes()).isEqualTo(png);
        assertThat(response.header("Cache-Control")).isEqualTo("private, max-age=31536000, immutable");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void aRangeIsServedAsPartialContentAndAnUnsatisfiableOneIsAProblemWithoutTheImage() throws IOException {
        String user = Api.newUser("ranger");
        UUID id = api().submitValid(user, "a red square, in parts");
        byte[] png = png();
        store(id + "/0.png", png);
        ReadModel.project(
                jdbc, id, user, "completed", row -> row.set("images", images(id, 0, "png", "image/png", png.length)));
        String path = "/api/v1/generations/" + id + "/images/0";

        Api.Response partial = api().send(HttpRequest.newBuilder(api().uri(path))
                .header("Authorization", "Bearer " + Api.token(user))
                .header("Range", "bytes=0-7"));
        assertThat(partial.status()).as(partial.toString()).isEqualTo(206);
        assertThat(partial.bytes()).isEqualTo(Arrays.copyOf(png, 8));

        for (String range : List.of("bytes=abc", "bytes=" + png.length + "-")) {
            Api.Response refused = api().send(HttpRequest.newBuilder(api().uri(path))
                    .header("Authorization", "Bearer " + Api.token(user))
                    .header("Range", range));
            assertThat(refused.status()).as(range + " " + refused).isEqualTo(416);
            assertThat(refused.contentType()).as(range).isEqualTo("application/problem+json");
            assertThat(refused.json().path("errors").get(0).path("field").asString())
                    .isEqualTo("Range");
        }
    }

    @Test
    void theGenerationListsItsImagesWithUrlsToTheImageEndpoint() throws IOException {
        String user = Api.newUser("gallery");
        UUID id = api().submitValid(user, "two of them");
        byte[] png = png();
        store(id + "/0.png", png);
        ReadModel.project(
                jdbc, id, user, "completed", row -> row.set("images", images(id, 0, "png", "image/png", png.length)));

        JsonNode image = api().get(user, "/api/v1/generations/" + id)
                .json()
                .get("images")
                .get(0);

        assertThat(image.get("index").asInt()).isZero();
        assertThat(image.get("url").asString()).isEqualTo("/api/v1/generations/" + id + "/images/0");
        assertThat(image.get("contentType").asString()).isEqualTo("image/png");
        assertThat(image.get("width").asInt()).isEqualTo(8);
        assertThat(image.get("height").asInt()).isEqualTo(8);
        assertThat(image.get("bytes").asLong()).isEqualTo(png.length);
        assertThat(api().get(user, image.get("url").asString()).bytes()).isEqualTo(png);
    }

    @Test
    void anSvgIsServedAsSvgThatCannotRunScripts() throws IOException {
        String user = Api.newUser("vector");
        UUID id = api().submitValid(user, "a circle");
        byte[] svg =
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>".getBytes(StandardCharsets.UTF_8);
        store(id + "/0.svg", svg);
        ReadModel.project(
                jdbc,
                id,
                user,
                "completed",
                row -> row.set("images", images(id, 0, "svg", "image/svg+xml", svg.length)));

        Api.Response response = api().get(user, "/api/v1/generations/" + id + "/images/0");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("image/svg+xml");
        assertThat(response.header("Content-Security-Policy")).contains("sandbox");
        assertThat(response.bytes()).isEqualTo(svg);
    }

    @Test
    void anotherUserGetsNotFoundForAStoredImage() throws IOException {
        String user = Api.newUser("private-painter");
        UUID id = api().submitValid(user, "not for you");
        byte[] png = png();
        store(id + "/0.png", png);
        ReadModel.project(
                jdbc, id, user, "completed", row -> row.set("images", images(id, 0, "png", "image/png", png.length)));

        Api.Response response = api().get(Api.newUser("peeker"), "/api/v1/generations/" + id + "/images/0");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void anImageNotStoredYetIsNotFound() throws IOException {
        String user = Api.newUser("impatient");
        UUID id = api().submitValid(user, "still rendering");
        UUID listedButMissing = api().submitValid(user, "listed, file missing");
        ReadModel.project(
                jdbc,
                listedButMissing,
                user,
                "completed",
                row -> row.set("images", images(listedButMissing, 0, "png", "image/png", 10)));

        assertThat(api().get(user, "/api/v1/generations/" + id + "/images/0").status())
                .isEqualTo(404);
        assertThat(api().get(user, "/api/v1/generations/" + listedButMissing + "/images/0")
                        .status())
                .isEqualTo(404);
        assertThat(api().get(user, "/api/v1/generations/" + listedButMissing + "/images/1")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anImageStoredBeforeTheReadModelListsItIsServedFromTheStoreToItsOwnerOnly() throws IOException {
        // an event stream's "completed" can reach the client before the projection has applied it
        String user = Api.newUser("quick-reader");
        UUID id = api().submitValid(user, "just completed");
        byte[] png = png();
        store(id + "/0.png", png);

        Api.Response response = api().get(user, "/api/v1/generations/" + id + "/images/0");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("image/png");
        assertThat(response.bytes()).isEqualTo(png);
        assertThat(api().get(Api.newUser("peeker"), "/api/v1/generations/" + id + "/images/0")
                        .status())
                .isEqualTo(404);
        assertThat(api().get(user, "/api/v1/generations/" + id + "/images/1").status())
                .isEqualTo(404);
    }

    @Test
    void aKeyThatEscapesTheStorageRootIsNeverServed() throws IOException {
        String user = Api.newUser("climber");
        UUID id = api().submitValid(user, "escape");
        Path outside = STORAGE_ROOT.resolveSibling("outside-" + UUID.randomUUID() + ".png");
        Files.write(outside, png());
        String key = "../" + outside.getFileName();
        ReadModel.project(
                jdbc,
                id,
                user,
                "completed",
                row -> row.set(
                        "images",
                        "[{\"index\":0,\"key\":\"" + key + "\",\"contentType\":\"image/png\",\"bytes\":10}]"));

        Api.Response response = api().get(user, "/api/v1/generations/" + id + "/images/0");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void aForgedCompletionNamingAnotherGenerationsImageDoesNotServeThatImage() throws IOException {
        String victim = Api.newUser("victim");
        UUID victimsGeneration = api().submitValid(victim, "a private portrait");
        byte[] victimsImage = png();
        store(victimsGeneration + "/0.png", victimsImage);
        String forger = Api.newUser("forger");
        UUID forgersGeneration = api().submitValid(forger, "anything");
        // the row the projection writes from a GenerationCompleted forged onto pipeline.lifecycle for the forger's
        // generation, naming the victim's object as its image 0
        ReadModel.project(
                jdbc,
                forgersGeneration,
                forger,
                "completed",
                row -> row.set(
                        "images",
                        "[{\"index\":0,\"key\":\"" + victimsGeneration
                                + "/0.png\",\"contentType\":\"image/png\",\"bytes\":" + victimsImage.length
                                + "}]"));

        Api.Response response = api().get(forger, "/api/v1/generations/" + forgersGeneration + "/images/0");

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.bytes()).isNotEqualTo(victimsImage);
    }

    @Test
    void theServedTypeIsTheStoredObjectsNotTheOneAnEventClaims() throws IOException {
        String user = Api.newUser("claimer");
        UUID id = api().submitValid(user, "a vector");
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        store(id + "/0.svg", svg);
        ReadModel.project(
                jdbc, id, user, "completed", row -> row.set("images", images(id, 0, "png", "image/png", svg.length)));

        Api.Response response = api().get(user, "/api/v1/generations/" + id + "/images/0");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("image/svg+xml");
        assertThat(response.header("Content-Security-Policy")).contains("sandbox");
        assertThat(response.bytes()).isEqualTo(svg);
    }

    private static String images(UUID id, int index, String ext, String contentType, long bytes) {
        return "[{\"index\":" + index + ",\"key\":\"" + id + "/" + index + "." + ext + "\",\"contentType\":\""
                + contentType + "\",\"bytes\":" + bytes + ",\"width\":8,\"height\":8}]";
    }

    private static void store(String key, byte[] bytes) throws IOException {
        Path file = STORAGE_ROOT.resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
