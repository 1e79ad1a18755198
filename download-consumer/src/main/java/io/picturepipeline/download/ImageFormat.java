package io.picturepipeline.download;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The image types the pipeline stores, each with the content type it is served with, the extension of its object
 * key, and the leading bytes it must start with: a content type alone proves nothing.
 */
enum ImageFormat {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    WEBP("image/webp", "webp"),
    SVG("image/svg+xml", "svg");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] UTF8_BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

    private final String contentType;
    private final String extension;

    ImageFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    String contentType() {
        return contentType;
    }

    String extension() {
        return extension;
    }

    /** The format a {@code Content-Type} header announces, parameters ignored; empty for anything else. */
    static Optional<ImageFormat> ofContentType(String header) {
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

    /** Whether {@code bytes} start the way this format must. */
    boolean matches(byte[] bytes) {
        return switch (this) {
            case PNG -> PngHeader.dimensions(bytes).isPresent();
            case JPEG ->
                bytes.length >= 3
                        && (bytes[0] & 0xff) == 0xff
                        && (bytes[1] & 0xff) == 0xd8
                        && (bytes[2] & 0xff) == 0xff;
            case WEBP -> bytes.length >= 12 && ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP");
            case SVG -> looksLikeSvg(bytes);
        };
    }

    static boolean hasPngSignature(byte[] bytes) {
        return bytes.length >= PNG_SIGNATURE.length
                && Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length);
    }

    private static boolean looksLikeSvg(byte[] bytes) {
        int start = 0;
        if (bytes.length >= 3 && Arrays.equals(bytes, 0, 3, UTF8_BOM, 0, 3)) {
            start = 3;
        }
        while (start < bytes.length && Character.isWhitespace(bytes[start])) {
            start++;
        }
        return ascii(bytes, start, "<svg") || ascii(bytes, start, "<?xml");
    }

    static boolean ascii(byte[] bytes, int offset, String expected) {
        byte[] wanted = expected.getBytes(StandardCharsets.US_ASCII);
        return bytes.length - offset >= wanted.length
                && Arrays.equals(bytes, offset, offset + wanted.length, wanted, 0, wanted.length);
    }
}
