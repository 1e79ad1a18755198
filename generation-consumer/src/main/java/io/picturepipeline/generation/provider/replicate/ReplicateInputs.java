package io.picturepipeline.generation.provider.replicate;

import io.picturepipeline.generation.provider.ProviderRejectedException;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.ModelSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps {@link GenerationParameters} to the {@code input} object of one Replicate model, by model family.
 *
 * <p>Besides each model's own inputs, {@code width}, {@code height} and {@code seed} go to every model: Replicate
 * drops inputs a model does not declare (replicate/cog#2943 restored that behaviour), and the local provider renders
 * exactly the size and seed they name — for aspect-ratio models the canonical size of the catalogue, which is what
 * {@code ImagesGenerated} announces.
 */
final class ReplicateInputs {

    static final double DEFAULT_PROMPT_STRENGTH = 0.8;

    private ReplicateInputs() {}

    static Map<String, Object> of(ModelSpec spec, GenerationParameters p) {
        ModelFamily family = ModelFamily.of(spec);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("prompt", p.prompt());
        switch (family) {
            case FLUX -> flux(spec, p, input);
            case SDXL -> sdxl(spec, p, input);
            case SD3 -> sd3(spec, p, input);
            case RECRAFT -> input.put("size", sizeName(spec, p));
            case IDEOGRAM, IMAGEN -> input.put("aspect_ratio", sizeName(spec, p));
            case SEEDREAM -> {
                input.put("aspect_ratio", sizeName(spec, p));
                input.put("guidance_scale", guidance(spec, p));
            }
            case QWEN -> qwen(spec, p, input);
            case UPSCALER -> upscaler(p, input);
        }
        if (spec.maxOutputs() > 1) {
            input.put("num_outputs", p.numOutputs());
        }
        if (!"svg".equals(spec.outputFormat()) && family != ModelFamily.IDEOGRAM) {
            input.put("output_format", spec.outputFormat());
        }
        input.put("width", p.width());
        input.put("height", p.height());
        if (p.seed() != null) {
            input.put("seed", p.seed());
        }
        return input;
    }

    private static void flux(ModelSpec spec, GenerationParameters p, Map<String, Object> input) {
        input.put("aspect_ratio", sizeName(spec, p));
        if (spec.steps() != null) {
            input.put("num_inference_steps", steps(spec, p));
        }
        if (spec.guidance() != null) {
            input.put("guidance", guidance(spec, p));
        }
        if (p.sourceImageUrl() != null && spec.imageToImage()) {
            if (spec.steps() == null) {
                // FLUX 1.1 Pro takes the source image as a composition hint, without a strength
                input.put("image_prompt", p.sourceImageUrl());
            } else {
                input.put("image", p.sourceImageUrl());
                input.put("prompt_strength", strength(p));
            }
        }
    }

    private static void sdxl(ModelSpec spec, GenerationParameters p, Map<String, Object> input) {
        input.put("num_inference_steps", steps(spec, p));
        input.put("guidance_scale", guidance(spec, p));
        negativePrompt(spec, p, input);
        imageToImage(spec, p, input, "prompt_strength");
    }

    private static void sd3(ModelSpec spec, GenerationParameters p, Map<String, Object> input) {
        input.put("aspect_ratio", sizeName(spec, p));
        input.put("cfg", guidance(spec, p));
        input.put("steps", steps(spec, p));
        negativePrompt(spec, p, input);
        imageToImage(spec, p, input, "prompt_strength");
    }

    private static void qwen(ModelSpec spec, GenerationParameters p, Map<String, Object> input) {
        input.put("aspect_ratio", sizeName(spec, p));
        input.put("num_inference_steps", steps(spec, p));
        input.put("guidance", guidance(spec, p));
        negativePrompt(spec, p, input);
        imageToImage(spec, p, input, "strength");
    }

    /**
     * Real-ESRGAN: the image, its scale and face enhancement (the ingest-api's catalogue check makes sure of image and
     * scale); the prompt goes along and is dropped.
     */
    private static void upscaler(GenerationParameters p, Map<String, Object> input) {
        if (p.sourceImageUrl() != null) {
            input.put("image", p.sourceImageUrl());
        }
        if (p.scale() != null) {
            input.put("scale", p.scale());
        }
        input.put("face_enhance", Boolean.TRUE.equals(p.faceEnhance()));
    }

    private static void negativePrompt(ModelSpec spec, GenerationParameters p, Map<String, Object> input) {
        if (spec.negativePrompt()
                && p.negativePrompt() != null
                && !p.negativePrompt().isBlank()) {
            input.put("negative_prompt", p.negativePrompt());
        }
    }

    private static void imageToImage(
            ModelSpec spec, GenerationParameters p, Map<String, Object> input, String strengthName) {
        if (spec.imageToImage() && p.sourceImageUrl() != null) {
            input.put("image", p.sourceImageUrl());
            input.put(strengthName, strength(p));
        }
    }

    /** The ratio name (or Recraft's size name) of the requested canonical size; other sizes are refused. */
    private static String sizeName(ModelSpec spec, GenerationParameters p) {
        return spec.aspectRatioOf(p.width(), p.height())
                .orElseThrow(() -> new ProviderRejectedException(
                        0,
                        p.width() + "x" + p.height() + " is not a size " + spec.id() + " renders; use one of "
                                + spec.allowedSizes()));
    }

    private static int steps(ModelSpec spec, GenerationParameters p) {
        if (spec.steps() == null) {
            return p.steps();
        }
        return p.steps() >= spec.steps().min() && p.steps() <= spec.steps().max()
                ? p.steps()
                : spec.steps().defaultValue();
    }

    private static double guidance(ModelSpec spec, GenerationParameters p) {
        if (spec.guidance() == null) {
            return p.guidanceScale();
        }
        return p.guidanceScale() >= spec.guidance().min()
                        && p.guidanceScale() <= spec.guidance().max()
                ? p.guidanceScale()
                : spec.guidance().defaultValue();
    }

    private static double strength(GenerationParameters p) {
        return p.strength() != null ? p.strength() : DEFAULT_PROMPT_STRENGTH;
    }
}
