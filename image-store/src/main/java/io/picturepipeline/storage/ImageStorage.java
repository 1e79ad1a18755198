package io.picturepipeline.storage;

import java.util.Optional;
import java.util.UUID;

/**
 * The image store: one object per {@link ImageKey}. A put to an existing key replaces the object atomically, so a
 * repeated download overwrites rather than duplicates, and a reader sees the old or the new object, never a partial
 * one. {@link #of(StorageSettings)} makes the store the settings select: files under a root, or an S3 bucket.
 */
public interface ImageStorage extends AutoCloseable {

    /** Stores {@code bytes} under {@code key}, with the key's content type, replacing what was there. */
    StoredObject put(ImageKey key, byte[] bytes);

    /** The object's metadata, if it exists. */
    Optional<StoredObject> get(ImageKey key);

    /** The object's bytes, if it exists. */
    Optional<byte[]> read(ImageKey key);

    /** The object opened for streaming, if it exists. */
    Optional<ImageContent> open(ImageKey key);

    /** Output {@code index} of a generation, in whichever format it was stored. */
    default Optional<StoredObject> find(UUID generationId, int index) {
        return ImageKey.candidates(generationId, index).stream()
                .map(this::get)
                .flatMap(Optional::stream)
                .findFirst();
    }

    @Override
    default void close() {}

    static ImageStorage of(StorageSettings settings) {
        return switch (settings.type()) {
            case FILESYSTEM -> new FileSystemImageStorage(settings.root());
            case S3 -> S3ImageStorage.create(settings.s3());
        };
    }
}
