package io.picturepipeline.ingest.derive;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.ReadModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DerivationTest extends IngestIntegrationTest {

    @Test
    void anUpscaleIsAChildOfItsParentAndItsSourceLinkWorksWithoutAToken() throws IOException {
        String user = Api.newUser("upscaler");
        byte[] png = png();
        UUID parent = completedParent(user, png);

        Api.Response accepted = post(user, parent, "upscale", "{\"scale\": 2}");

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().get("parentId").asString()).isEqualTo(parent.toString());
        String child = accepted.json().get("id").asString();
        JsonNode upscale = api().get(user, "/api/v1/generations/" + child).json();
        assertThat(upscale.get("parentId").asString()).isEqualTo(parent.toString());
        assertThat(upscale.get("model").asString()).isEqualTo("nightmareai/real-esrgan");
        assertThat(upscale.get("parameters").get("width").asInt()).isEqualTo(2048);
        assertThat(upscale.get("parameters").get("scale").asInt()).isEqualTo(2);
        assertThat(api().get(user, "/api/v1/generations/" + parent)
                        .json()
                        .get("children")
                        .get(0)
                        .asString())
                .isEqualTo(child);

        URI link = URI.create(upscale.get("parameters").get("sourceImageUrl").asString());
        Api.Response source = api().send(HttpRequest.newBuilder(link));
        assertThat(source.status()).as(source.toString()).isEqualTo(200);
        assertThat(source.bytes()).isEqualTo(png);
        Api.Response forged = api().send(HttpRequest.newBuilder(URI.create(link.toString() + "x")));
        assertThat(forged.status()).isEqualTo(404);
        assertThat(forged.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void aVariationKeepsTheParentsSizeAndRefusesAnUnknownScaleOrAnUnfinishedParent() throws IOException {
        String user = Api.newUser("varier");
        UUID parent = completedParent(user, png());

        Api.Response variation = post(user, parent, "variations", "{\"strength\": 0.4}");
        Api.Response badScale = post(user, parent, "upscale", "{\"scale\": 3}");
        UUID running = api().submitValid(user, "not done yet");
        Api.Response unfinished = post(user, running, "variations", "{}");

        assertThat(variation.status()).as(variation.toString()).isEqualTo(202);
        JsonNode child = api().get(
                        user,
                        "/api/v1/generations/" + variation.json().get("id").asString())
                .json();
        assertThat(child.get("parameters").get("width").asInt()).isEqualTo(1024);
        assertThat(child.get("parameters").get("strength").asDouble()).isEqualTo(0.4);
        assertThat(badScale.status()).isEqualTo(400);
        assertThat(badScale.json().get("errors").get(0).get("field").asString()).isEqualTo("scale");
        assertThat(unfinished.status()).as(unfinished.toString()).isEqualTo(409);
    }

    @Test
    void anotherUsersImageAsASourceIsA404() throws IOException {
        UUID parent = completedParent(Api.newUser("artist"), png());
        String stranger = Api.newUser("copycat");

        assertThat(post(stranger, parent, "variations", "{}").status()).isEqualTo(404);
        assertThat(post(stranger, parent, "upscale", "{}").status()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from ingest.generation_request where owner = ?")
                        .param(stranger)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    /** A completed generation of {@code user} whose image 0 (said to be 1024×1024) is {@code png}. */
    private UUID completedParent(String user, byte[] png) throws IOException {
        UUID id = api().submitValid(user, "a red square");
        Path file = STORAGE_ROOT.resolve(id + "/0.png");
        Files.createDirectories(file.getParent());
        Files.write(file, png);
        String images = "[{\"index\":0,\"key\":\"" + id + "/0.png\",\"contentType\":\"image/png\",\"bytes\":"
                + png.length + ",\"width\":1024,\"height\":1024}]";
        ReadModel.project(jdbc, id, user, "completed", row -> row.set("images", images));
        return id;
    }

    private Api.Response post(String user, UUID parent, String kind, String body) {
        return api().send(HttpRequest.newBuilder(api().uri("/api/v1/generations/" + parent + "/" + kind))
                .header("Authorization", "Bearer " + Api.token(user))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0x00ff00);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
