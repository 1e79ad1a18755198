package io.picturepipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.schemas.ModelSpec.Violation;
import org.junit.jupiter.api.Test;

class ModelCatalogueTest {

    private static GenerationParameters params(String model, int width, int height, int steps, double guidance) {
        return new GenerationParameters("a cat", null, model, width, height, steps, guidance, null, null, null, 1);
    }

    @Test
    void holdsEveryModelTheSeedsSupported() {
        assertThat(ModelCatalogue.all())
                .extracting(ModelSpec::id)
                .contains(
                        "black-forest-labs/flux-schnell",
                        "black-forest-labs/flux-dev",
                        "black-forest-labs/flux-1.1-pro",
                        "stability-ai/sdxl",
                        "bytedance/sdxl-lightning-4step",
                        "ideogram-ai/ideogram-v3-turbo",
                        "google/imagen-4",
                        "stability-ai/stable-diffusion-3.5-large",
                        "recraft-ai/recraft-v3-svg",
                        "bytedance/seedream-3",
                        "qwen/qwen-image");
    }

    @Test
    void acceptsACanonicalSizeOfAnAspectRatioModel() {
        ModelSpec schnell =
                ModelCatalogue.find("black-forest-labs/flux-schnell").orElseThrow();

        assertThat(schnell.check(params(schnell.id(), 1344, 768, 4, 0))).isEmpty();
        assertThat(schnell.aspectRatioOf(1344, 768)).contains("16:9");
    }

    @Test
    void refusesASizeAnAspectRatioModelDoesNotRender() {
        ModelSpec schnell =
                ModelCatalogue.find("black-forest-labs/flux-schnell").orElseThrow();

        assertThat(schnell.check(params(schnell.id(), 1000, 700, 4, 0)))
                .extracting(Violation::field)
                .containsExactly("width");
    }

    @Test
    void refusesStepsAndGuidanceOutOfTheModelsRange() {
        ModelSpec sdxl = ModelCatalogue.find("stability-ai/sdxl").orElseThrow();

        assertThat(sdxl.check(params(sdxl.id(), 1024, 1020, 500, 99)))
                .extracting(Violation::field)
                .containsExactly("height", "steps", "guidanceScale");
    }

    @Test
    void refusesImageToImageWhereTheModelHasNone() {
        ModelSpec schnell =
                ModelCatalogue.find("black-forest-labs/flux-schnell").orElseThrow();
        GenerationParameters img2img = new GenerationParameters(
                "a cat", null, schnell.id(), 1024, 1024, 4, 0, null, "https://example.com/a.png", 0.5, 1);

        assertThat(schnell.check(img2img)).extracting(Violation::field).containsExactly("sourceImageUrl");
    }
}
