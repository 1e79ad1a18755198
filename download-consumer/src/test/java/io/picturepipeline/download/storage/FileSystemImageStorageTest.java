package io.picturepipeline.download.storage;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemImageStorageTest {

    @TempDir
    Path root;

    @TempDir
    Path outside;

    private FileSystemImageStorage storage() {
        return new FileSystemImageStorage(root.resolve("images"));
    }

    private static byte[] filled(int size, int value) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void storesAnObjectUnderItsKey() {
        String key = ImageKeys.of(UUID.randomUUID(), 0, "png");

        StoredObject stored = storage().put(key, new byte[] {1, 2, 3}, "image/png");

        assertThat(stored).isEqualTo(new StoredObject(key, "image/png", 3));
        assertThat(storage().get(key)).contains(stored);
        assertThat(storage().read(key))
                .hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(1, 2, 3));
        assertThat(root.resolve("images").resolve(key)).exists();
    }

    @Test
    void replacesAnExistingObjectLeavingNoTemporaryFiles() throws IOException {
        UUID generationId = UUID.randomUUID();
        String key = ImageKeys.of(generationId, 1, "png");

        storage().put(key, filled(100, 1), "image/png");
        storage().put(key, filled(10, 2), "image/png");

        assertThat(storage().read(key))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(filled(10, 2)));
        try (Stream<Path> files = Files.list(root.resolve("images").resolve(generationId.toString()))) {
            assertThat(files).extracting(path -> path.getFileName().toString()).containsExactly("1.png");
        }
    }

    @Test
    void neverShowsAReaderAPartlyWrittenObject() throws Exception {
        FileSystemImageStorage storage = storage();
        String key = ImageKeys.of(UUID.randomUUID(), 0, "png");
        byte[] first = filled(512 * 1024, 1);
        byte[] second = filled(256 * 1024, 2);
        storage.put(key, first, "image/png");
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
            storage.put(key, i % 2 == 0 ? second : first, "image/png");
        }
        writing.set(false);
        reader.join();

        assertThat(torn).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../escape.png",
                "a/../../escape.png",
                "/etc/passwd",
                "a/./b.png",
                ".hidden.png",
                "a/.1.png.tmp",
                "a//b.png",
                "a\\..\\b.png",
                "",
                "a/b.png/",
                "C:/windows.png",
            })
    void refusesKeysThatCouldLeaveTheStore(String key) {
        assertThatThrownBy(() -> storage().put(key, new byte[] {1}, "image/png"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refused storage key");
        assertThatThrownBy(() -> storage().read(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAKeyLeadingThroughASymbolicLinkOutOfTheStore() throws IOException {
        Files.createDirectories(root.resolve("images"));
        Files.createSymbolicLink(root.resolve("images").resolve("link"), outside);

        assertThatThrownBy(() -> storage().put("link/0.png", new byte[] {1}, "image/png"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leads out of the store");
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesAContentTypeTheKeyDoesNotStandFor() {
        String key = ImageKeys.of(UUID.randomUUID(), 0, "png");

        assertThatThrownBy(() -> storage().put(key, new byte[] {1}, "image/svg+xml"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(storage().get(key)).isEmpty();
    }

    @Test
    void findsNothingUnderAnUnknownKey() {
        String key = ImageKeys.of(UUID.randomUUID(), 3, "svg");

        assertThat(storage().get(key)).isEmpty();
        assertThat(storage().read(key)).isEmpty();
    }

    @Test
    void spellsKeysAsGenerationIdIndexAndExtension() {
        UUID generationId = UUID.fromString("0b6f5ad6-1df6-4b4b-9a8c-35d6b3f2a1c4");

        assertThat(ImageKeys.of(generationId, 2, "webp")).isEqualTo("0b6f5ad6-1df6-4b4b-9a8c-35d6b3f2a1c4/2.webp");
        assertThatThrownBy(() -> ImageKeys.of(generationId, 0, "../png")).isInstanceOf(IllegalArgumentException.class);
    }
}
