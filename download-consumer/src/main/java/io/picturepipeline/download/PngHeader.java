package io.picturepipeline.download;

import java.util.Optional;

/**
 * Width and height of a PNG from its IHDR chunk, which the format requires to come first: no decoding needed.
 * Layout: 8-byte signature, then the chunk's length (4, must be 13), type "IHDR" (4), width (4), height (4), all
 * big-endian.
 */
final class PngHeader {

    record Dimensions(int width, int height) {}

    private static final int IHDR_LENGTH = 13;

    private PngHeader() {}

    /** The dimensions, or empty when the bytes are not a PNG with a well-formed IHDR chunk first. */
    static Optional<Dimensions> dimensions(byte[] bytes) {
        if (!ImageSignatures.hasPngSignature(bytes) || bytes.length < 8 + 8 + IHDR_LENGTH) {
            return Optional.empty();
        }
        if (int32(bytes, 8) != IHDR_LENGTH || !ImageSignatures.ascii(bytes, 12, "IHDR")) {
            return Optional.empty();
        }
        int width = int32(bytes, 16);
        int height = int32(bytes, 20);
        if (width <= 0 || height <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Dimensions(width, height));
    }

    private static int int32(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 24)
                | ((bytes[offset + 1] & 0xff) << 16)
                | ((bytes[offset + 2] & 0xff) << 8)
                | (bytes[offset + 3] & 0xff);
    }
}
