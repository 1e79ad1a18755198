package io.picturepipeline.ingest.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.infra.LocalS3;
import io.picturepipeline.ingest.Api;
import io.picturepipeline.ingest.IngestIntegrationTest;
import io.picturepipeline.ingest.ReadModel;
import io.picturepipeline.storage.ImageFormat;
import io.picturepipeline.storage.ImageKey;
import io.picturepipeline.storage.ImageStorage;
import io.picturepipeline.storage.StorageSettings;
import io.picturepipeline.testsupport.TestInfrastructure;
import java.net.URI;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API serving images from an S3 bucket (a real S3Proxy as a process), written the way the download-consumer
 * writes them: through {@link ImageStorage} with the same settings.
 */
class S3ImageServingTest extends IngestIntegrationTest {

    private static final String BUCKET = "ingest-images";
    private static final LocalS3 S3 = TestInfrastructure.sharedS3();
    private static final StorageSettings SETTINGS = StorageSettings.s3(new StorageSettings.S3(
            URI.create(S3.endpoint()), LocalS3.REGION, S3.ensureBucket(BUCKET), true, S3.accessKey(), S3.secretKey()));
    private static final ImageStorage WRITER = ImageStorage.of(SETTINGS);

    @DynamicPropertySource
    static void s3Storage(DynamicPropertyRegistry registry) {
        registry.add("pipeline.storage.type", () -> "s3");
        registry.add("pipeline.storage.s3.endpoint", S3::endpoint);
        registry.add("pipeline.storage.s3.region", () -> LocalS3.REGION);
        registry.add("pipeline.storage.s3.bucket", () -> BUCKET);
        registry.add("pipeline.storage.s3.path-style", () -> "true");
        registry.add("pipeline.storage.s3.access-key", S3::accessKey);
        registry.add("pipeline.storage.s3.secret-key", S3::secretKey);
    }

    @AfterAll
    static void closeWriter() {
        WRITER.close();
    }

    @Test
    void anImageInTheBucketIsStreamedToItsOwnerIdentically() {
        String user = Api.newUser("s3-painter");
        UUID id = api().submitValid(user, "from the bucket");
        byte[] image = new byte[700_000];
        new Random(7).nextBytes(image);
        WRITER.put(new ImageKey(id, 0, ImageFormat.PNG), image);

        Api.Response response = api().get(user, "/api/v1/generations/" + id + "/images/0");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("image/png");
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(image.length));
        assertThat(response.bytes()).isEqualTo(image);
        assertThat(api().get(Api.newUser("s3-peeker"), "/api/v1/generations/" + id + "/images/0")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anObjectMissingFromTheBucketIsNotFound() {
        String user = Api.newUser("s3-impatient");
        UUID id = api().submitValid(user, "listed, object missing");
        ReadModel.project(
                jdbc,
                id,
                user,
                "completed",
                row -> row.set(
                        "images",
                        "[{\"index\":0,\"key\":\"" + id + "/0.png\",\"contentType\":\"image/png\",\"bytes\":10}]"));

        Api.Response response = api().get(user, "/api/v1/generations/" + id + "/images/0");

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void aForgedCompletionNamingAnotherGenerationsObjectDoesNotServeIt() {
        UUID victimsGeneration = api().submitValid(Api.newUser("s3-victim"), "private");
        byte[] victimsImage = new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        WRITER.put(new ImageKey(victimsGeneration, 0, ImageFormat.PNG), victimsImage);
        String forger = Api.newUser("s3-forger");
        UUID forgersGeneration = api().submitValid(forger, "anything");
        ReadModel.project(
                jdbc,
                forgersGeneration,
                forger,
                "completed",
                row -> row.set(
                        "images",
                        "[{\"index\":0,\"key\":\"" + victimsGeneration
                                + "/0.png\",\"contentType\":\"image/png\",\"bytes\":7}]"));

        Api.Response response = api().get(forger, "/api/v1/generations/" + forgersGeneration + "/images/0");

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.bytes()).isNotEqualTo(victimsImage);
    }
}
