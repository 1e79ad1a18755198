package io.picturepipeline.faults.invariants;

import io.picturepipeline.schemas.GenerationStatus;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of {@code projection.generation}, as the checker needs it. */
record ProjectionRow(
        UUID id,
        @Nullable String owner,
        String status,
        @Nullable String prompt,
        String images,
        @Nullable String errorClass,
        @Nullable String errorMessage) {

    GenerationStatus generationStatus() {
        return GenerationStatus.valueOf(status.toUpperCase(Locale.ROOT));
    }

    /** Why it failed, for a violation's detail; empty when the projection knows no reason. */
    String failure() {
        return errorClass == null ? "" : " (" + errorClass + ": " + errorMessage + ")";
    }
}
