package io.picturepipeline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.infra.LocalS3;
import io.picturepipeline.testsupport.TestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The S3 store against a real S3-compatible server: S3Proxy from Maven Central, as a process on a free port. */
class S3ImageStorageTest {

    private static final String BUCKET = "images-test";
    private static LocalS3 s3;
    private static ImageStorage storage;

    @BeforeAll
    static void startServer() {
        s3 = TestInfrastructure.sharedS3();
        s3.ensureBucket(BUCKET);
        storage = ImageStorage.of(StorageSettings.s3(new StorageSettings.S3(
                URI.create(s3.endpoint()), LocalS3.REGION, BUCKET, true, s3.accessKey(), s3.secretKey())));
    }

    @AfterAll
    static void closeClient() {
        storage.close();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aStoredImageReadsBackIdenticallyUnderItsDerivedKey() throws IOException {
        ImageKey key = new ImageKey(UUID.randomUUID(), 0, ImageFormat.PNG);
        byte[] image = randomBytes(300_000);

        StoredObject stored = storage.put(key, image);

        assertThat(stored).isEqualTo(new StoredObject(key, image.length));
        assertThat(storage.get(key)).contains(stored);
        assertThat(storage.read(key))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(image));
        try (ImageContent content = storage.open(key).orElseThrow()) {
            assertThat(content.object()).isEqualTo(stored);
            assertThat(content.stream().readAllBytes()).isEqualTo(image);
        }
        assertThat(Files.readAllBytes(s3.objectFile(BUCKET, key.value()))).isEqualTo(image);
    }

    @Test
    void storingTheSameKeyAgainLeavesOneIdenticalObject() throws IOException {
        ImageKey key = new ImageKey(UUID.randomUUID(), 1, ImageFormat.JPEG);
        byte[] image = randomBytes(10_000);

        storage.put(key, image);
        storage.put(key, image);

        assertThat(storage.read(key))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(image));
        try (var objects = Files.list(s3.objectFile(BUCKET, key.generationId().toString()))) {
            assertThat(objects)
                    .extracting(path -> path.getFileName().toString())
                    .containsExactly("1.jpg");
        }
    }

    @Test
    void aMissingObjectIsAbsentNotAnError() {
        ImageKey key = new ImageKey(UUID.randomUUID(), 0, ImageFormat.PNG);

        assertThat(storage.get(key)).isEmpty();
        assertThat(storage.read(key)).isEmpty();
        assertThat(storage.open(key)).isEmpty();
        assertThat(storage.find(key.generationId(), 0)).isEmpty();
    }

    @Test
    void findsAnOutputInWhicheverFormatItWasStored() {
        UUID generationId = UUID.randomUUID();
        ImageKey svg = new ImageKey(generationId, 0, ImageFormat.SVG);
        storage.put(svg, "<svg/>".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(storage.find(generationId, 0)).contains(new StoredObject(svg, 6));
    }
}
