package io.picturepipeline.schemas;

import io.picturepipeline.schemas.ModelSpec.DoubleRange;
import io.picturepipeline.schemas.ModelSpec.IntRange;
import io.picturepipeline.schemas.ModelSpec.SideRange;
import io.picturepipeline.schemas.ModelSpec.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models the seeds' process-generation function supported, with Replicate's parameter ranges. The ingest-api
 * validates against it; the generation-consumer maps parameters with it.
 */
public final class ModelCatalogue {

    /** The upscaler: takes a source image and a scale (2 or 4 here), no prompt of its own. */
    public static final String UPSCALER = "nightmareai/real-esrgan";
    /** The scales {@link #UPSCALER} is offered with. */
    public static final List<Integer> UPSCALE_FACTORS = List.of(2, 4);

    private static final Map<String, Size> FLUX_RATIOS = ratios(
            "1:1", 1024, 1024, "16:9", 1344, 768, "9:16", 768, 1344, "4:3", 1152, 896, "3:4", 896, 1152, "3:2", 1216,
            832, "2:3", 832, 1216, "21:9", 1536, 640, "9:21", 640, 1536, "4:5", 896, 1120, "5:4", 1120, 896);
    private static final Map<String, Size> COMMON_RATIOS = ratios(
            "1:1", 1024, 1024, "16:9", 1344, 768, "9:16", 768, 1344, "4:3", 1152, 896, "3:4", 896, 1152, "3:2", 1216,
            832, "2:3", 832, 1216);
    private static final Map<String, Size> IMAGEN_RATIOS =
            ratios("1:1", 1024, 1024, "16:9", 1344, 768, "9:16", 768, 1344, "4:3", 1152, 896, "3:4", 896, 1152);
    private static final Map<String, Size> RECRAFT_SIZES = ratios(
            "1024x1024",
            1024,
            1024,
            "1365x1024",
            1365,
            1024,
            "1024x1365",
            1024,
            1365,
            "1536x1024",
            1536,
            1024,
            "1024x1536",
            1024,
            1536,
            "1820x1024",
            1820,
            1024,
            "1024x1820",
            1024,
            1820);

    private static final List<ModelSpec> MODELS = List.of(
            new ModelSpec(
                    "black-forest-labs/flux-schnell",
                    "FLUX Schnell",
                    FLUX_RATIOS,
                    null,
                    new IntRange(1, 4, 4),
                    null,
                    false,
                    false,
                    4,
                    "png"),
            new ModelSpec(
                    "black-forest-labs/flux-dev",
                    "FLUX Dev",
                    FLUX_RATIOS,
                    null,
                    new IntRange(1, 50, 28),
                    new DoubleRange(0, 10, 3),
                    false,
                    true,
                    4,
                    "png"),
            new ModelSpec(
                    "black-forest-labs/flux-1.1-pro",
                    "FLUX 1.1 Pro",
                    FLUX_RATIOS,
                    null,
                    null,
                    null,
                    false,
                    true,
                    1,
                    "png"),
            new ModelSpec(
                    "stability-ai/sdxl",
                    "SDXL",
                    Map.of(),
                    new SideRange(512, 1536, 8),
                    new IntRange(1, 100, 30),
                    new DoubleRange(1, 50, 7.5),
                    true,
                    true,
                    4,
                    "png"),
            new ModelSpec(
                    "bytedance/sdxl-lightning-4step",
                    "SDXL Lightning",
                    Map.of(),
                    new SideRange(256, 1280, 8),
                    new IntRange(1, 10, 4),
                    new DoubleRange(0, 50, 0),
                    true,
                    false,
                    4,
                    "png"),
            new ModelSpec(
                    "ideogram-ai/ideogram-v3-turbo",
                    "Ideogram V3",
                    COMMON_RATIOS,
                    null,
                    null,
                    null,
                    false,
                    false,
                    1,
                    "png"),
            new ModelSpec("google/imagen-4", "Imagen 4", IMAGEN_RATIOS, null, null, null, false, false, 1, "png"),
            new ModelSpec(
                    "stability-ai/stable-diffusion-3.5-large",
                    "SD 3.5 Large",
                    COMMON_RATIOS,
                    null,
                    new IntRange(1, 50, 35),
                    new DoubleRange(0, 20, 4.5),
                    true,
                    true,
                    1,
                    "png"),
            new ModelSpec(
                    "recraft-ai/recraft-v3", "Recraft V3", RECRAFT_SIZES, null, null, null, false, false, 1, "png"),
            new ModelSpec(
                    "recraft-ai/recraft-v3-svg",
                    "Recraft V3 SVG",
                    RECRAFT_SIZES,
                    null,
                    null,
                    null,
                    false,
                    false,
                    1,
                    "svg"),
            new ModelSpec(
                    "bytedance/seedream-3",
                    "SeeDream 3",
                    COMMON_RATIOS,
                    null,
                    null,
                    new DoubleRange(1, 10, 2.5),
                    false,
                    false,
                    1,
                    "png"),
            new ModelSpec(
                    "qwen/qwen-image",
                    "Qwen Image",
                    COMMON_RATIOS,
                    null,
                    new IntRange(1, 50, 30),
                    new DoubleRange(0, 10, 4),
                    true,
                    true,
                    4,
                    "png"),
            // Replicate's inputs: image (required), scale (0 to 10, default 4), face_enhance (default false); the
            // output is one URL. Width and height here are the upscaled size: the source's times the scale.
            new ModelSpec(
                    UPSCALER,
                    "Real-ESRGAN upscaler",
                    Map.of(),
                    new SideRange(16, 4096, 1),
                    null,
                    null,
                    false,
                    true,
                    1,
                    "png"));

    private ModelCatalogue() {}

    public static List<ModelSpec> all() {
        return MODELS;
    }

    public static Optional<ModelSpec> find(String id) {
        return MODELS.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    private static Map<String, Size> ratios(Object... nameWidthHeight) {
        Map<String, Size> sizes = new LinkedHashMap<>();
        for (int i = 0; i < nameWidthHeight.length; i += 3) {
            sizes.put(
                    (String) nameWidthHeight[i], new Size((int) nameWidthHeight[i + 1], (int) nameWidthHeight[i + 2]));
        }
        return sizes;
    }
}
