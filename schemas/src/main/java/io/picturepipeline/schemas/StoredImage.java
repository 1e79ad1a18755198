package io.picturepipeline.schemas;

import org.jspecify.annotations.Nullable;

/** One stored output. {@code key} is derived from the generation id and index, so a repeat overwrites it. */
public record StoredImage(
        int index,
        String key,
        String contentType,
        long bytes,
        @Nullable Integer width,
        @Nullable Integer height) {

    public StoredImage {
        Require.text(key, "key");
        Require.text(contentType, "contentType");
    }
}
