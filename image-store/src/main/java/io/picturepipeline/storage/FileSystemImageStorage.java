package io.picturepipeline.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Images as files under a root directory ({@code pipeline.storage.root}). A put writes a temporary file next to the
 * target, forces it to disk and renames it over the target ({@code ATOMIC_MOVE}), so readers never see a partial
 * image and a repeat replaces the object. Keys are derived ({@link ImageKey}), so they cannot name a path outside
 * the root; a generation's directory that is a symbolic link out of the root is refused all the same.
 */
final class FileSystemImageStorage implements ImageStorage {

    private final Path root;

    FileSystemImageStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public StoredObject put(ImageKey key, byte[] bytes) {
        Path target = resolve(key);
        Path directory = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(directory);
            if (!insideRoot(directory)) {
                throw new IllegalArgumentException("refused storage key '" + key + "': it leads out of the store");
            }
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
            return new StoredObject(key, bytes.length);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot store " + key + " under " + root, e);
        }
    }

    @Override
    public Optional<StoredObject> get(ImageKey key) {
        return existing(key).map(file -> {
            try {
                return new StoredObject(key, Files.size(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + key + " under " + root, e);
            }
        });
    }

    @Override
    public Optional<byte[]> read(ImageKey key) {
        try (InputStream in = open(key).map(ImageContent::stream).orElse(null)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key + " under " + root, e);
        }
    }

    @Override
    public Optional<ImageContent> open(ImageKey key) {
        Optional<Path> existing = existing(key);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        try {
            InputStream in = Files.newInputStream(existing.get());
            return Optional.of(new ImageContent(new StoredObject(key, Files.size(existing.get())), in));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key + " under " + root, e);
        }
    }

    private Optional<Path> existing(ImageKey key) {
        Path file = resolve(key);
        try {
            return Files.isRegularFile(file) && insideRoot(file.getParent()) ? Optional.of(file) : Optional.empty();
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key + " under " + root, e);
        }
    }

    private Path resolve(ImageKey key) {
        return root.resolve(key.generationId().toString()).resolve(key.fileName());
    }

    /** Symbolic links inside the root must not lead out of it. */
    private boolean insideRoot(Path directory) throws IOException {
        Files.createDirectories(root);
        return directory.toRealPath().startsWith(root.toRealPath());
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
