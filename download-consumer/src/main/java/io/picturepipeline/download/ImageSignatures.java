package io.picturepipeline.download;

import io.picturepipeline.storage.ImageFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The leading bytes each stored {@link ImageFormat} must start with: a content type alone proves nothing. */
final class ImageSignatures {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] UTF8_BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

    private ImageSignatures() {}

    /** Whether {@code bytes} start the way {@code format} must. */
    static boolean matches(ImageFormat format, byte[] bytes) {
        return switch (format) {
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
