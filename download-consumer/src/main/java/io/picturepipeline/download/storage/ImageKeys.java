package io.picturepipeline.download.storage;

import java.util.UUID;

/** The one spelling of an image's object key: {@code <generationId>/<index>.<ext>}. */
public final class ImageKeys {

    private ImageKeys() {}

    public static String of(UUID generationId, int index, String extension) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative but was " + index);
        }
        if (!extension.matches("[a-z0-9]{1,8}")) {
            throw new IllegalArgumentException("not an extension: " + extension);
        }
        return generationId + "/" + index + "." + extension;
    }
}
