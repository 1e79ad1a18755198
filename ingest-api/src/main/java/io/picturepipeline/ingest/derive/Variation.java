package io.picturepipeline.ingest.derive;

import org.jspecify.annotations.Nullable;

/**
 * A variation of output {@code imageIndex} of a completed generation: image-to-image with {@code strength} (0 keeps
 * the source, 1 keeps little of it), the parent's prompt unless another is given, an image-to-image model (the
 * parent's if it is one, else FLUX Dev) at the parent's size.
 */
public record Variation(
        int imageIndex,
        double strength,
        @Nullable String prompt,
        @Nullable String model,
        @Nullable Long seed) {}
