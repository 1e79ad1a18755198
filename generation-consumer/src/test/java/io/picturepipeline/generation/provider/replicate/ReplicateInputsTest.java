package io.picturepipeline.generation.provider.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.picturepipeline.generation.provider.ProviderRejectedException;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.ModelCatalogue;
import io.picturepipeline.schemas.ModelSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicateInputsTest {

    @Test
    void fluxSchnellTakesAnAspectRatioStepsAndOutputsButNoGuidance() {
        Map<String, Object> input =
                inputs(params("black-forest-labs/flux-schnell", 1344, 768, 4, 3.5, 7L, null, null, 2));

        assertThat(input)
                .contains(
                        entry("prompt", "a lighthouse"),
                        entry("aspect_ratio", "16:9"),
                        entry("num_inference_steps", 4),
                        entry("num_outputs", 2),
                        entry("output_format", "png"),
                        entry("width", 1344),
                        entry("height", 768),
                        entry("seed", 7L))
                .doesNotContainKeys("guidance", "guidance_scale", "negative_prompt", "image");
    }

    @Test
    void fluxDevTakesGuidanceAndImageToImageWithPromptStrength() {
        Map<String, Object> input = inputs(
                params("black-forest-labs/flux-dev", 896, 1120, 28, 3.0, null, "https://img.example/cat.png", 0.6, 1));

        assertThat(input)
                .contains(
                        entry("aspect_ratio", "4:5"),
                        entry("num_inference_steps", 28),
                        entry("guidance", 3.0),
                        entry("image", "https://img.example/cat.png"),
                        entry("prompt_strength", 0.6),
                        entry("width", 896),
                        entry("height", 1120))
                .doesNotContainKey("seed");
    }

    @Test
    void flux11ProTakesNoStepsNoOutputCountAndASourceImageAsImagePrompt() {
        Map<String, Object> input = inputs(
                params("black-forest-labs/flux-1.1-pro", 1024, 1024, 0, 0, 1L, "https://img.example/a.png", null, 1));

        assertThat(input)
                .contains(entry("aspect_ratio", "1:1"), entry("image_prompt", "https://img.example/a.png"))
                .doesNotContainKeys("num_inference_steps", "num_outputs", "guidance", "image", "prompt_strength");
    }

    @Test
    void sdxlTakesPixelSizesGuidanceScaleNegativePromptAndImageToImage() {
        GenerationParameters p = new GenerationParameters(
                "a lighthouse",
                "blurry",
                "stability-ai/sdxl",
                768,
                512,
                30,
                7.5,
                42L,
                "https://img.example/src.png",
                null,
                3);

        assertThat(inputs(p))
                .contains(
                        entry("width", 768),
                        entry("height", 512),
                        entry("num_inference_steps", 30),
                        entry("guidance_scale", 7.5),
                        entry("negative_prompt", "blurry"),
                        entry("num_outputs", 3),
                        entry("image", "https://img.example/src.png"),
                        entry("prompt_strength", ReplicateInputs.DEFAULT_PROMPT_STRENGTH),
                        entry("seed", 42L))
                .doesNotContainKey("aspect_ratio");
    }

    @Test
    void sdxlLightningIgnoresTheSourceImageItCannotUse() {
        Map<String, Object> input =
                inputs(params("bytedance/sdxl-lightning-4step", 1024, 1024, 4, 0, null, null, null, 1));

        assertThat(input)
                .contains(entry("width", 1024), entry("num_inference_steps", 4), entry("guidance_scale", 0.0))
                .doesNotContainKeys("image", "prompt_strength");
    }

    @Test
    void stableDiffusion35TakesCfgStepsAndAnAspectRatio() {
        GenerationParameters p = new GenerationParameters(
                "a lighthouse",
                "ugly",
                "stability-ai/stable-diffusion-3.5-large",
                832,
                1216,
                35,
                4.5,
                9L,
                null,
                null,
                1);

        assertThat(inputs(p))
                .contains(
                        entry("aspect_ratio", "2:3"),
                        entry("cfg", 4.5),
                        entry("steps", 35),
                        entry("negative_prompt", "ugly"),
                        entry("seed", 9L))
                .doesNotContainKeys("num_inference_steps", "guidance_scale", "num_outputs");
    }

    @Test
    void recraftTakesItsSizeNameAndSvgModelsNoPngFormat() {
        Map<String, Object> raster = inputs(params("recraft-ai/recraft-v3", 1365, 1024, 0, 0, null, null, null, 1));
        Map<String, Object> vector = inputs(params("recraft-ai/recraft-v3-svg", 1024, 1024, 0, 0, null, null, null, 1));

        assertThat(raster).contains(entry("size", "1365x1024"), entry("output_format", "png"));
        assertThat(vector).contains(entry("size", "1024x1024")).doesNotContainKey("output_format");
    }

    @Test
    void ideogramAndImagenTakeOnlyAnAspectRatio() {
        assertThat(inputs(params("ideogram-ai/ideogram-v3-turbo", 1216, 832, 0, 0, 3L, null, null, 1)))
                .contains(entry("aspect_ratio", "3:2"), entry("seed", 3L))
                .doesNotContainKeys("guidance_scale", "num_inference_steps", "num_outputs");
        assertThat(inputs(params("google/imagen-4", 896, 1152, 0, 0, null, null, null, 1)))
                .contains(entry("aspect_ratio", "3:4"), entry("output_format", "png"))
                .doesNotContainKeys("guidance_scale", "num_inference_steps");
    }

    @Test
    void seedreamTakesGuidanceScale() {
        assertThat(inputs(params("bytedance/seedream-3", 1024, 1024, 0, 2.5, 5L, null, null, 1)))
                .contains(entry("aspect_ratio", "1:1"), entry("guidance_scale", 2.5), entry("seed", 5L));
    }

    @Test
    void qwenTakesGuidanceStepsNegativePromptAndStrength() {
        GenerationParameters p = new GenerationParameters(
                "a lighthouse",
                "dark",
                "qwen/qwen-image",
                1152,
                896,
                30,
                4.0,
                null,
                "https://img.example/q.png",
                0.5,
                2);

        assertThat(inputs(p))
                .contains(
                        entry("aspect_ratio", "4:3"),
                        entry("guidance", 4.0),
                        entry("num_inference_steps", 30),
                        entry("negative_prompt", "dark"),
                        entry("image", "https://img.example/q.png"),
                        entry("strength", 0.5),
                        entry("num_outputs", 2));
    }

    @Test
    void outOfRangeStepsFallBackToTheModelDefault() {
        assertThat(inputs(params("black-forest-labs/flux-dev", 1024, 1024, 0, 3, null, null, null, 1)))
                .contains(entry("num_inference_steps", 28));
    }

    @Test
    void aSizeTheModelDoesNotRenderIsRejectedPermanently() {
        GenerationParameters p = params("black-forest-labs/flux-schnell", 1000, 1000, 4, 0, null, null, null, 1);

        assertThatThrownBy(() -> inputs(p))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessageContaining("1000x1000");
    }

    @Test
    void everyCatalogueModelHasAMapping() {
        for (ModelSpec spec : ModelCatalogue.all()) {
            int width = spec.usesAspectRatio()
                    ? spec.aspectRatios().values().iterator().next().width()
                    : 1024;
            int height = spec.usesAspectRatio()
                    ? spec.aspectRatios().values().iterator().next().height()
                    : 1024;
            GenerationParameters p = params(spec.id(), width, height, 4, 1, null, null, null, 1);

            assertThat(ReplicateInputs.of(spec, p))
                    .as(spec.id())
                    .containsEntry("prompt", "a lighthouse")
                    .containsEntry("width", width)
                    .containsEntry("height", height);
        }
    }

    @Test
    void realEsrganTakesTheImageTheScaleAndFaceEnhance() {
        GenerationParameters p = new GenerationParameters(
                "a lighthouse",
                null,
                ModelCatalogue.UPSCALER,
                2048,
                2048,
                0,
                0,
                null,
                "https://api.example/api/v1/source-images/x/0?expires=1&signature=s",
                null,
                1,
                2,
                null);

        assertThat(inputs(p))
                .contains(
                        entry("image", "https://api.example/api/v1/source-images/x/0?expires=1&signature=s"),
                        entry("scale", 2),
                        entry("face_enhance", false))
                .doesNotContainKeys("num_inference_steps", "guidance", "aspect_ratio", "prompt_strength");
    }

    private static Map<String, Object> inputs(GenerationParameters p) {
        return ReplicateInputs.of(ModelCatalogue.find(p.model()).orElseThrow(), p);
    }

    private static GenerationParameters params(
            String model,
            int width,
            int height,
            int steps,
            double guidance,
            Long seed,
            String source,
            Double strength,
            int outputs) {
        return new GenerationParameters(
                "a lighthouse", null, model, width, height, steps, guidance, seed, source, strength, outputs);
    }
}
