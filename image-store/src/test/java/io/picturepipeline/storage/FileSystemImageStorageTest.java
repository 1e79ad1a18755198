package io.picturepipeline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemImageStorageTest {

    @TempDir
    Path root;

    @TempDir
    Path outside;

    private ImageStorage storage() {
        return ImageStorage.of(StorageSettings.fileSystem(root.resolve("images")));
    }

    private static byte[] filled(int size, int value) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void storesAnObjectUnderItsKey() {
        ImageKey key = new ImageKey(UUID.randomUUID(), 0, ImageFormat.PNG);

        StoredObject stored = storage().put(key, new byte[] {1, 2, 3});

        assertThat(stored).isEqualTo(new StoredObject(key, 3));
        assertThat(stored.contentType()).isEqualTo("image/png");
        assertThat(storage().get(key)).contains(stored);
        assertThat(storage().read(key))
                .hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(1, 2, 3));
        assertThat(root.resolve("images").resolve(key.value())).exists();
    }

    @Test
    void replacesAnExistingObjectLeavingNoTemporaryFiles() throws IOException {
        UUID generationId = UUID.randomUUID();
        ImageKey key = new ImageKey(generationId, 1, ImageFormat.PNG);

        storage().put(key, filled(100, 1));
        storage().put(key, filled(10, 2));

        assertThat(storage().read(key))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(filled(10, 2)));
        try (Stream<Path> files = Files.list(root.resolve("images").resolve(generationId.toString()))) {
            assertThat(files).extracting(path -> path.getFileName().toString()).containsExactly("1.png");
        }
    }

    @Test
    void neverShowsAReaderAPartlyWrittenObject() throws Exception {
        ImageStorage storage = storage();
        ImageKey key = new ImageKey(UUID.randomUUID(), 0, ImageFormat.PNG);
        byte[] first = filled(512 * 1024, 1);
        byte[] second = filled(256 * 1024, 2);
        storage.put(key, first);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> torn = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                byte[] seen = storage.read(key).orElseThrow();
                if (!Arrays.equals(seen, first) && !Arrays.equals(seen, second)) {
                    torn.add(seen.length + " bytes");
                }
            }
        });
        reader.start();
        for (int i = 0; i < 100; i++) {
            storage.put(key, i % 2 == 0 ? second : first);
        }
        writing.set(false);
        reader.join();

        assertThat(torn).isEmpty();
    }

    @Test
    void refusesAGenerationDirectoryLeadingThroughASymbolicLinkOutOfTheStore() throws IOException {
        UUID generationId = UUID.randomUUID();
        ImageKey key = new ImageKey(generationId, 0, ImageFormat.PNG);
        Files.createDirectories(root.resolve("images"));
        Files.write(outside.resolve("0.png"), new byte[] {7});
        Files.createSymbolicLink(root.resolve("images").resolve(generationId.toString()), outside);

        assertThatThrownBy(() -> storage().put(key, new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leads out of the store");
        assertThat(storage().get(key)).isEmpty();
        assertThat(storage().open(key)).isEmpty();
        assertThat(Files.readAllBytes(outside.resolve("0.png"))).containsExactly(7);
    }

    @Test
    void findsNothingUnderAnUnknownKey() {
        ImageKey key = new ImageKey(UUID.randomUUID(), 3, ImageFormat.SVG);

        assertThat(storage().get(key)).isEmpty();
        assertThat(storage().read(key)).isEmpty();
        assertThat(storage().open(key)).isEmpty();
    }

    @Test
    void findsAnOutputInWhicheverFormatItWasStored() {
        UUID generationId = UUID.randomUUID();
        ImageKey webp = new ImageKey(generationId, 2, ImageFormat.WEBP);
        storage().put(webp, new byte[] {1, 2});

        assertThat(storage().find(generationId, 2)).contains(new StoredObject(webp, 2));
        assertThat(storage().find(generationId, 1)).isEmpty();
        assertThat(storage().find(UUID.randomUUID(), 2)).isEmpty();
    }
}
