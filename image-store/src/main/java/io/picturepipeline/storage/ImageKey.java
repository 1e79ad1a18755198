package io.picturepipeline.storage;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The object key of output {@code index} of a generation: {@code <generationId>/<index>.<ext>}. The one spelling,
 * used by the writer and the reader alike. A key is always derived from these three values, never parsed from a
 * string someone sent, so no event field can name another generation's object.
 */
public record ImageKey(UUID generationId, int index, ImageFormat format) {

    public ImageKey {
        Objects.requireNonNull(generationId, "generationId");
        Objects.requireNonNull(format, "format");
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative but was " + index);
        }
    }

    /** The keys output {@code index} of a generation may be stored under, one per format. */
    public static List<ImageKey> candidates(UUID generationId, int index) {
        return Stream.of(ImageFormat.values())
                .map(format -> new ImageKey(generationId, index, format))
                .toList();
    }

    /** {@code <generationId>/<index>.<ext>} */
    public String value() {
        return generationId + "/" + index + "." + format.extension();
    }

    /** The file name part, {@code <index>.<ext>}. */
    public String fileName() {
        return index + "." + format.extension();
    }

    @Override
    public String toString() {
        return value();
    }
}
