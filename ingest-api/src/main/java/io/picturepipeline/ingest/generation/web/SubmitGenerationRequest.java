package io.picturepipeline.ingest.generation.web;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/generations}. Everything but {@code prompt} is optional; the per-model ranges are
 * the model catalogue's, checked after these generic bounds. {@code priority}: 0 to 9, at most the caller's plan's
 * (its default); higher starts first when the generate stage is at capacity. {@code notBefore}: the generation is
 * accepted now ({@code scheduled}) and starts at this instant, at most {@code plans.max-schedule-ahead} (30 days)
 * ahead; an instant not in the future means now.
 */
public record SubmitGenerationRequest(
        @NotBlank @Size(max = 2000) @Nullable String prompt,
        @Size(max = 2000) @Nullable String negativePrompt,
        @Size(max = 200) @Nullable String model,
        @Min(1) @Max(8192) @Nullable Integer width,
        @Min(1) @Max(8192) @Nullable Integer height,
        @Min(1) @Max(1000) @Nullable Integer steps,
        @DecimalMin("0") @DecimalMax("100") @Nullable Double guidanceScale,
        @PositiveOrZero @Nullable Long seed,
        @Size(max = 2048) @Nullable String sourceImageUrl,
        @DecimalMin("0") @DecimalMax("1") @Nullable Double strength,
        @Min(1) @Max(16) @Nullable Integer numOutputs,
        @Min(0) @Max(9) @Nullable Integer priority,
        @Nullable Instant notBefore) {}
