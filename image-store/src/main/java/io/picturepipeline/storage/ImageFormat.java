package io.picturepipeline.storage;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The image types the pipeline stores, each with the content type it is served with and its key's extension. */
public enum ImageFormat {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    WEBP("image/webp", "webp"),
    SVG("image/svg+xml", "svg");

    private final String contentType;
    private final String extension;

    ImageFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** The format a {@code Content-Type} header announces, parameters ignored; empty for anything else. */
    public static Optional<ImageFormat> ofContentType(String header) {
        if (header == null) {
            return Optional.empty();
        }
        int semicolon = header.indexOf(';');
        String mediaType =
                (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(format -> format.contentType.equals(mediaType))
                .findFirst();
    }
}
