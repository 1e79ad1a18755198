package io.picturepipeline.provider.local;

import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** What to render for a prediction, validated from its {@code input}. */
record ImageSpec(String prompt, long seed, int width, int height, int numOutputs, int steps, boolean svg) {

    static final int MAX_SIDE = 2048;

    static ImageSpec from(ModelRef model, JsonNode input) {
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
        return new ImageSpec(prompt, seed, width, height, numOutputs, steps, wantsSvg(model, input));
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
