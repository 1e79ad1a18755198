package io.picturepipeline.download.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Images as files under a root directory ({@code pipeline.storage.root}). A put writes a temporary file next to the
 * target, forces it to disk and renames it over the target ({@code ATOMIC_MOVE}), so readers never see a partial
 * image and a repeat replaces the object. Keys are relative paths of plain segments; anything that could leave the
 * root ({@code ..}, absolute paths, hidden names, symbolic links out of the root) is refused. The content type is
 * the one the key's extension stands for.
 */
public final class FileSystemImageStorage implements ImageStorage {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)*");
    private static final int MAX_KEY_LENGTH = 512;
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "png", "image/png",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "webp", "image/webp",
            "svg", "image/svg+xml");
    private static final String UNKNOWN_TYPE = "application/octet-stream";

    private final Path root;

    public FileSystemImageStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public StoredObject put(String key, byte[] bytes, String contentType) {
        Path target = resolve(key);
        String expected = contentTypeOf(key);
        if (!expected.equals(UNKNOWN_TYPE) && !expected.equalsIgnoreCase(contentType)) {
            throw new IllegalArgumentException("key " + key + " stands for " + expected + ", not for " + contentType);
        }
        Path directory = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(directory);
            ensureInsideRoot(directory, key);
            temp = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            move(temp, target);
            forceDirectory(directory);
            return new StoredObject(key, expected.equals(UNKNOWN_TYPE) ? contentType : expected, bytes.length);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot store " + key + " under " + root, e);
        }
    }

    @Override
    public Optional<StoredObject> get(String key) {
        Path file = resolve(key);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            ensureInsideRoot(file.getParent(), key);
            return Optional.of(new StoredObject(key, contentTypeOf(key), Files.size(file)));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key + " under " + root, e);
        }
    }

    @Override
    public Optional<byte[]> read(String key) {
        Path file = resolve(key);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            ensureInsideRoot(file.getParent(), key);
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key + " under " + root, e);
        }
    }

    private Path resolve(String key) {
        if (key == null || key.length() > MAX_KEY_LENGTH || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("refused storage key '" + key
                    + "': keys are relative paths of plain segments ([A-Za-z0-9][A-Za-z0-9_.-]*)");
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("refused storage key '" + key + "': it leaves the store");
        }
        return path;
    }

    /** Symbolic links inside the root must not lead out of it. */
    private void ensureInsideRoot(Path directory, String key) throws IOException {
        Files.createDirectories(root);
        if (!directory.toRealPath().startsWith(root.toRealPath())) {
            throw new IllegalArgumentException("refused storage key '" + key + "': it leads out of the store");
        }
    }

    private static String contentTypeOf(String key) {
        int dot = key.lastIndexOf('.');
        int slash = key.lastIndexOf('/');
        if (dot <= slash) {
            return UNKNOWN_TYPE;
        }
        return CONTENT_TYPES.getOrDefault(key.substring(dot + 1).toLowerCase(Locale.ROOT), UNKNOWN_TYPE);
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the store's file system cannot rename atomically", e);
        }
    }

    /** Makes the rename durable where the platform allows it (not on Windows). */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // best effort: the file's own data is already forced
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover hidden temporary file is never served: keys cannot name it
            }
        }
    }
}
