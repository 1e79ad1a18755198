package io.picturepipeline.schemas;

import org.jspecify.annotations.Nullable;

/**
 * What the client asked for, as the seeds' {@code generate-image} job payload carried it. Ranges per model are
 * checked by the ingest-api's model catalogue; this record only guards what every stage relies on. {@code scale} and
 * {@code faceEnhance} are the upscaler's ({@link ModelCatalogue#UPSCALER}), absent for every other model.
 */
public record GenerationParameters(
        String prompt,
        @Nullable String negativePrompt,
        String model,
        int width,
        int height,
        int steps,
        double guidanceScale,
        @Nullable Long seed,
        @Nullable String sourceImageUrl,
        @Nullable Double strength,
        int numOutputs,
        @Nullable Integer scale,
        @Nullable Boolean faceEnhance) {

    public GenerationParameters {
        Require.text(prompt, "prompt");
        Require.text(model, "model");
        Require.between(width, 1, 8192, "width");
        Require.between(height, 1, 8192, "height");
        Require.between(numOutputs, 1, 16, "numOutputs");
    }

    /** Parameters of any model but the upscaler. */
    public GenerationParameters(
            String prompt,
            @Nullable String negativePrompt,
            String model,
            int width,
            int height,
            int steps,
            double guidanceScale,
            @Nullable Long seed,
            @Nullable String sourceImageUrl,
            @Nullable Double strength,
            int numOutputs) {
        this(
                prompt,
                negativePrompt,
                model,
                width,
                height,
                steps,
                guidanceScale,
                seed,
                sourceImageUrl,
                strength,
                numOutputs,
                null,
                null);
    }
}
