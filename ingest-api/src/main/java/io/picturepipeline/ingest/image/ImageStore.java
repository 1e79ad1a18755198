package io.picturepipeline.ingest.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Read access to the image store the download-consumer writes ({@code pipeline.storage.root}, object key
 * {@code <generationId>/<index>.<ext>}). A key that would leave the root, by {@code ..}, an absolute path or a
 * symbolic link, resolves to nothing.
 */
@Component
class ImageStore {

    private final Path root;

    ImageStore(@Value("${pipeline.storage.root:${IMAGE_STORE:.local/data/images}}") String root) {
        this.root = Path.of(root).toAbsolutePath().normalize();
    }

    /** The extensions the download stage stores outputs with ({@code <generationId>/<index>.<ext>}). */
    static final List<String> EXTENSIONS = List.of("png", "jpg", "webp", "svg");

    /**
     * Output {@code index} of a generation by the store's key convention, for a completion the read model has not
     * applied yet (the {@code completed} event of an event stream can arrive before the projection has it).
     */
    Optional<Path> findOutput(UUID generationId, int index) {
        return EXTENSIONS.stream()
                .map(extension -> find(generationId + "/" + index + "." + extension))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** The stored file of {@code key}, if it is one inside the root. */
    Optional<Path> find(String key) {
        if (key.isBlank() || key.indexOf('\0') >= 0 || key.startsWith("/") || key.startsWith("\\")) {
            return Optional.empty();
        }
        try {
            Path file = root.resolve(key).normalize();
            if (!file.startsWith(root) || file.equals(root) || !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            Path real = file.toRealPath();
            return real.startsWith(root.toRealPath()) ? Optional.of(real) : Optional.empty();
        } catch (InvalidPathException | IOException e) {
            return Optional.empty();
        }
    }
}
