package io.picturepipeline.ingest.derive.web;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The bodies of the variation and upscale requests; every field is optional. */
final class DerivationRequests {

    private DerivationRequests() {}

    /** {@code POST /api/v1/generations/{id}/variations}: defaults image 0, strength 0.6, the parent's prompt. */
    record VariationRequest(
            @Min(0) @Max(15) @Nullable Integer imageIndex,
            @DecimalMin("0") @DecimalMax("1") @Nullable Double strength,
            @Size(min = 1, max = 2000) @Nullable String prompt,
            @Size(max = 200) @Nullable String model,
            @PositiveOrZero @Nullable Long seed) {}

    /** {@code POST /api/v1/generations/{id}/upscale}: defaults image 0, scale 2, no face enhancement. */
    record UpscaleRequest(
            @Min(0) @Max(15) @Nullable Integer imageIndex,
            @Nullable Integer scale,
            @Nullable Boolean faceEnhance) {}
}
