package io.picturepipeline.provider.local;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What to render for a prediction, validated from its {@code input}. With an input image ({@code source}) the
 * picture is made from it: the upscaler's at the source's size times {@code scale}, an image-to-image model's at
 * the source's size with {@code strength}.
 */
record ImageSpec(
        String prompt,
        long seed,
        int width,
        int height,
        int numOutputs,
        int steps,
        boolean svg,
        @Nullable SourceImage source,
        boolean upscale,
        double strength) {

    static final int MAX_SIDE = 2048;
    static final int MAX_UPSCALED_SIDE = 4096;
    static final double DEFAULT_STRENGTH = 0.8;

    static ImageSpec from(ModelRef model, JsonNode input, SourceImages sources) {
        if (model.isUpscaler()) {
            return upscale(input, sources);
        }
        String prompt = Inputs.stringField(input, "prompt");
        if (prompt == null || prompt.isBlank()) {
            throw ApiException.invalid("input.prompt is required");
        }
        int[] size = AspectRatios.dimensions(Inputs.stringField(input, "aspect_ratio"));
        int width = Inputs.intField(input, "width", size[0], 16, MAX_SIDE);
        int height = Inputs.intField(input, "height", size[1], 16, MAX_SIDE);
        int numOutputs = Inputs.intField(input, "num_outputs", 1, 1, 10);
        int steps = Inputs.intField(input, "num_inference_steps", 4, 1, 500);
        long seed = Inputs.longField(input, "seed", Math.floorMod(Hashes.stableLong("seed", prompt), 1L << 31));
        String imageUrl = Inputs.stringField(input, "image");
        if (imageUrl == null) {
            return new ImageSpec(
                    prompt, seed, width, height, numOutputs, steps, wantsSvg(model, input), null, false, 0);
        }
        SourceImage source = bounded(sources.fetch("image", imageUrl), MAX_SIDE);
        double strength = input.has("prompt_strength")
                ? Inputs.doubleField(input, "prompt_strength", DEFAULT_STRENGTH, 0, 1)
                : Inputs.doubleField(input, "strength", DEFAULT_STRENGTH, 0, 1);
        return new ImageSpec(
                prompt, seed, source.width(), source.height(), numOutputs, steps, false, source, false, strength);
    }

    /** Real-ESRGAN takes no prompt: {@code image}, {@code scale} (0 to 10, default 4) and {@code face_enhance}. */
    private static ImageSpec upscale(JsonNode input, SourceImages sources) {
        String imageUrl = Inputs.stringField(input, "image");
        if (imageUrl == null) {
            throw ApiException.invalid("input.image is required");
        }
        double scale = Inputs.doubleField(input, "scale", 4, 0, 10);
        SourceImage source = bounded(sources.fetch("image", imageUrl), MAX_SIDE);
        int width = (int) Math.round(source.width() * scale);
        int height = (int) Math.round(source.height() * scale);
        if (width < 1 || height < 1 || width > MAX_UPSCALED_SIDE || height > MAX_UPSCALED_SIDE) {
            throw ApiException.invalid("input.scale makes a " + width + "x" + height
                    + " image; this provider renders 1 to " + MAX_UPSCALED_SIDE + " pixels a side");
        }
        return new ImageSpec("upscale " + imageUrl, 0, width, height, 1, 1, false, source, true, 0);
    }

    private static SourceImage bounded(SourceImage source, int maxSide) {
        if (source.width() > maxSide || source.height() > maxSide) {
            throw ApiException.invalid("input.image is " + source.width() + "x" + source.height()
                    + "; this provider reads images of up to " + maxSide + " pixels a side");
        }
        return source;
    }

    private static boolean wantsSvg(ModelRef model, JsonNode input) {
        if (!model.isRecraft()) {
            return false;
        }
        String format = lower(Inputs.stringField(input, "output_format"));
        String style = lower(Inputs.stringField(input, "style"));
        return model.isSvgModel() || format.equals("svg") || style.contains("svg") || style.contains("vector");
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    String extension() {
        return svg ? "svg" : "png";
    }

    String contentType() {
        return svg ? "image/svg+xml" : "image/png";
    }
}
