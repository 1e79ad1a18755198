package io.picturepipeline.download.storage;

import java.util.Optional;

/**
 * The image store: objects under relative keys ({@code <generationId>/<index>.<ext>}, see {@link ImageKeys}). A put to
 * an existing key replaces the object atomically, so a repeated download overwrites rather than duplicates, and a
 * reader sees the old or the new object, never a partial one.
 *
 * <p>{@link FileSystemImageStorage} is the implementation today. An S3-compatible store fits the same contract
 * (PutObject replaces a key atomically; {@code get} is HeadObject, {@code read} is GetObject) and is selected by
 * {@code pipeline.storage.type}.
 */
public interface ImageStorage {

    /** Stores {@code bytes} under {@code key}, replacing what was there; refuses keys outside the store. */
    StoredObject put(String key, byte[] bytes, String contentType);

    /** The object's metadata, if it exists. */
    Optional<StoredObject> get(String key);

    /** The object's bytes, if it exists. */
    Optional<byte[]> read(String key);
}
