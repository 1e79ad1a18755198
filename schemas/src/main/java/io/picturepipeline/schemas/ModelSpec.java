package io.picturepipeline.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one provider model accepts. Aspect-ratio models take one of their canonical sizes (the size the provider
 * renders for that ratio); dimension models take any size within bounds on a grid. A {@code null} range means the
 * model has no such parameter.
 */
public record ModelSpec(
        String id,
        String displayName,
        Map<String, Size> aspectRatios,
        @Nullable SideRange dimensions,
        @Nullable IntRange steps,
        @Nullable DoubleRange guidance,
        boolean negativePrompt,
        boolean imageToImage,
        int maxOutputs,
        String outputFormat) {

    public record Size(int width, int height) {}

    public record SideRange(int min, int max, int multipleOf) {}

    public record IntRange(int min, int max, int defaultValue) {}

    public record DoubleRange(double min, double max, double defaultValue) {}

    /** One parameter the model refuses, with the reason a client can act on. */
    public record Violation(String field, String message) {}

    public ModelSpec {
        aspectRatios = Map.copyOf(aspectRatios);
    }

    /** Whether this is the upscaler, which takes a source image and a {@code scale} instead of making a picture. */
    public boolean upscales() {
        return id.equals(ModelCatalogue.UPSCALER);
    }

    public boolean usesAspectRatio() {
        return dimensions == null;
    }

    /** The aspect ratio name of a canonical size, for providers that take ratios instead of pixels. */
    public Optional<String> aspectRatioOf(int width, int height) {
        return aspectRatios.entrySet().stream()
                .filter(e -> e.getValue().width() == width && e.getValue().height() == height)
                .map(Map.Entry::getKey)
                .findFirst();
    }

    public List<Violation> check(GenerationParameters p) {
        List<Violation> violations = new ArrayList<>();
        if (usesAspectRatio()) {
            if (aspectRatioOf(p.width(), p.height()).isEmpty()) {
                violations.add(new Violation(
                        "width",
                        p.width() + "x" + p.height() + " is not a size " + id + " renders; use one of "
                                + allowedSizes()));
            }
        } else {
            checkSide("width", p.width(), violations);
            checkSide("height", p.height(), violations);
        }
        if (steps != null && (p.steps() < steps.min() || p.steps() > steps.max())) {
            violations.add(
                    new Violation("steps", "must be between " + steps.min() + " and " + steps.max() + " for " + id));
        }
        if (guidance != null && (p.guidanceScale() < guidance.min() || p.guidanceScale() > guidance.max())) {
            violations.add(new Violation(
                    "guidanceScale", "must be between " + guidance.min() + " and " + guidance.max() + " for " + id));
        }
        if (p.negativePrompt() != null && !negativePrompt) {
            violations.add(new Violation("negativePrompt", id + " does not take a negative prompt"));
        }
        if (p.sourceImageUrl() != null && !imageToImage) {
            violations.add(new Violation("sourceImageUrl", id + " does not do image-to-image"));
        }
        if (p.strength() != null && (p.sourceImageUrl() == null || p.strength() < 0 || p.strength() > 1)) {
            violations.add(new Violation("strength", "must be between 0 and 1 and needs a sourceImageUrl"));
        }
        if (upscales()) {
            if (p.sourceImageUrl() == null) {
                violations.add(new Violation("sourceImageUrl", id + " needs the image to upscale"));
            }
            if (p.scale() == null || !ModelCatalogue.UPSCALE_FACTORS.contains(p.scale())) {
                violations.add(new Violation("scale", "must be one of " + ModelCatalogue.UPSCALE_FACTORS));
            }
        } else if (p.scale() != null || p.faceEnhance() != null) {
            violations.add(new Violation("scale", "only " + ModelCatalogue.UPSCALER + " takes a scale or faceEnhance"));
        }
        if (p.numOutputs() > maxOutputs) {
            violations.add(new Violation("numOutputs", id + " makes at most " + maxOutputs + " image(s) per request"));
        }
        return violations;
    }

    public List<String> allowedSizes() {
        return aspectRatios.values().stream()
                .map(s -> s.width() + "x" + s.height())
                .sorted()
                .toList();
    }

    private void checkSide(String field, int value, List<Violation> violations) {
        if (value < dimensions.min() || value > dimensions.max() || value % dimensions.multipleOf() != 0) {
            violations.add(new Violation(
                    field,
                    "must be between " + dimensions.min() + " and " + dimensions.max() + " and a multiple of "
                            + dimensions.multipleOf() + " for " + id));
        }
    }
}
