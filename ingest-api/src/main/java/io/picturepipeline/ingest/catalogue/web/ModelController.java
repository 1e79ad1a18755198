package io.picturepipeline.ingest.catalogue.web;

import io.picturepipeline.schemas.ModelCatalogue;
import io.picturepipeline.schemas.ModelSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The models a submission may name, with what each accepts: its sizes (the canonical size of each aspect ratio; for
 * models that take any size on a grid, common sizes within their bounds plus the bounds themselves), steps and
 * guidance ranges. What the web page's pickers offer; the submission is checked against the same catalogue.
 */
@RestController
class ModelController {

    static final String DEFAULT_MODEL = "black-forest-labs/flux-schnell";

    private static final List<String> RATIO_ORDER =
            List.of("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "4:5", "5:4", "21:9", "9:21");
    /** Offered for models that take any size on a grid, where the model's bounds allow them. */
    private static final List<ModelSpec.Size> COMMON_SIZES = List.of(
            new ModelSpec.Size(1024, 1024),
            new ModelSpec.Size(1344, 768),
            new ModelSpec.Size(768, 1344),
            new ModelSpec.Size(1152, 896),
            new ModelSpec.Size(896, 1152),
            new ModelSpec.Size(768, 768),
            new ModelSpec.Size(512, 512));

    record Size(String label, int width, int height) {}

    record Model(
            String id,
            String displayName,
            boolean isDefault,
            List<Size> sizes,
            ModelSpec.@Nullable SideRange dimensions,
            ModelSpec.@Nullable IntRange steps,
            ModelSpec.@Nullable DoubleRange guidance,
            boolean negativePrompt,
            boolean imageToImage,
            int maxOutputs,
            String outputFormat) {}

    record Models(List<Model> models) {}

    @GetMapping("/api/v1/models")
    Models models() {
        return new Models(
                ModelCatalogue.all().stream().map(ModelController::model).toList());
    }

    private static Model model(ModelSpec spec) {
        return new Model(
                spec.id(),
                spec.displayName(),
                spec.id().equals(DEFAULT_MODEL),
                sizes(spec),
                spec.dimensions(),
                spec.steps(),
                spec.guidance(),
                spec.negativePrompt(),
                spec.imageToImage(),
                spec.maxOutputs(),
                spec.outputFormat());
    }

    private static List<Size> sizes(ModelSpec spec) {
        if (spec.usesAspectRatio()) {
            return spec.aspectRatios().entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, ModelSpec.Size> e) -> rank(e.getKey()))
                            .thenComparing(Map.Entry::getKey))
                    .map(e -> new Size(
                            e.getKey(), e.getValue().width(), e.getValue().height()))
                    .toList();
        }
        ModelSpec.SideRange range = spec.dimensions();
        return COMMON_SIZES.stream()
                .filter(size -> fits(range, size.width()) && fits(range, size.height()))
                .map(size -> new Size(size.width() + "x" + size.height(), size.width(), size.height()))
                .toList();
    }

    private static boolean fits(ModelSpec.SideRange range, int side) {
        return side >= range.min() && side <= range.max() && side % range.multipleOf() == 0;
    }

    private static int rank(String ratio) {
        int index = RATIO_ORDER.indexOf(ratio);
        return index < 0 ? RATIO_ORDER.size() : index;
    }
}
