package io.picturepipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalS3Test {

    /**
     * Tried by hand on 2026-12-03 on {@code ./pp up --secure}: {@code curl "$S3_ENDPOINT/$S3_BUCKET/"}, no key at
     * all, answered the bucket's listing (every generation id), because the filesystem backend took the bucket's
     * world-readable directory for a public-read bucket.
     */
    @Test
    void aClientWithoutAKeyCannotListABucket(@TempDir Path dir) throws Exception {
        try (LocalS3 s3 =
                LocalS3.start(dir, 0, List.of(new LocalS3.Identity("writer", RequiredPasswords.random(), false)))) {
            String bucket = s3.ensureBucket("images-private");
            Files.createDirectories(s3.objectFile(bucket, "some-generation"));
            Files.writeString(s3.objectFile(bucket, "some-generation/0.png"), "png");

            HttpResponse<String> listing = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(s3.endpoint() + "/" + bucket + "/"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(listing.statusCode()).isEqualTo(403);
            assertThat(listing.body()).contains("AccessDenied").doesNotContain("some-generation");
            assertThat(Files.getPosixFilePermissions(dir.resolve("buckets").resolve(bucket)))
                    .doesNotContain(
                            PosixFilePermission.OTHERS_READ,
                            PosixFilePermission.OTHERS_EXECUTE,
                            PosixFilePermission.GROUP_READ);
        }
    }
}
