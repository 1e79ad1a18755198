package io.picturepipeline.ingest.derive;

import io.picturepipeline.ingest.generation.GenerationNotFound;
import io.picturepipeline.ingest.generation.GenerationQueries;
import io.picturepipeline.ingest.generation.GenerationService;
import io.picturepipeline.ingest.generation.GenerationView;
import io.picturepipeline.ingest.generation.Submission;
import io.picturepipeline.ingest.limit.Plan;
import io.picturepipeline.ingest.refusal.FieldViolation;
import io.picturepipeline.ingest.refusal.InvalidRequestException;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.GenerationStatus;
import io.picturepipeline.schemas.ModelCatalogue;
import io.picturepipeline.schemas.ModelSpec;
import io.picturepipeline.schemas.StoredImage;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Variations and upscales: new generations made from an image of one of the owner's completed generations, which
 * they record as their parent. They go through the same submit path (limits, outbox) and the same stages as any
 * generation; the provider fetches the source from a signed link ({@link SourceImageLinks}). Anyone else's
 * generation is a 404.
 */
@Service
public class DerivationService {

    static final String VARIATION_MODEL = "black-forest-labs/flux-dev";

    private final GenerationQueries queries;
    private final GenerationService generations;
    private final SourceImageLinks links;

    DerivationService(GenerationQueries queries, GenerationService generations, SourceImageLinks links) {
        this.queries = queries;
        this.generations = generations;
        this.links = links;
    }

    /** 404 unless {@code id} is one of the owner's generations. */
    public void requireOwned(UUID id, String owner) {
        queries.find(id, owner).orElseThrow(() -> new GenerationNotFound(id));
    }

    public Submission variation(String owner, @Nullable String claimedPlan, UUID parentId, Variation variation) {
        GenerationView parent = completed(parentId, owner);
        StoredImage image = image(parent, variation.imageIndex());
        ModelSpec spec = variationModel(parent, variation.model());
        GenerationParameters parameters = new GenerationParameters(
                variation.prompt() != null ? variation.prompt() : promptOf(parent),
                null,
                spec.id(),
                width(parent, image),
                height(parent, image),
                spec.steps() == null ? 0 : spec.steps().defaultValue(),
                spec.guidance() == null ? 0 : spec.guidance().defaultValue(),
                variation.seed() != null
                        ? variation.seed()
                        : ThreadLocalRandom.current().nextLong(1L << 31),
                links.sign(parentId, image.index()),
                variation.strength(),
                1);
        return generations.submit(owner, claimedPlan, checked(spec, parameters), Plan::admission, null, parentId);
    }

    public Submission upscale(String owner, @Nullable String claimedPlan, UUID parentId, Upscale upscale) {
        GenerationView parent = completed(parentId, owner);
        StoredImage image = image(parent, upscale.imageIndex());
        ModelSpec spec = ModelCatalogue.find(ModelCatalogue.UPSCALER).orElseThrow();
        GenerationParameters parameters = new GenerationParameters(
                promptOf(parent),
                null,
                spec.id(),
                width(parent, image) * upscale.scale(),
                height(parent, image) * upscale.scale(),
                0,
                0,
                null,
                links.sign(parentId, image.index()),
                null,
                1,
                upscale.scale(),
                upscale.faceEnhance());
        return generations.submit(owner, claimedPlan, checked(spec, parameters), Plan::admission, null, parentId);
    }

    private GenerationView completed(UUID id, String owner) {
        GenerationView parent = queries.find(id, owner).orElseThrow(() -> new GenerationNotFound(id));
        if (!GenerationStatus.COMPLETED.wireName().equals(parent.status())) {
            throw new ParentNotCompleted(id, parent.status());
        }
        return parent;
    }

    private static StoredImage image(GenerationView parent, int index) {
        return parent.images().stream()
                .filter(image -> image.index() == index)
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException(
                        "imageIndex", "generation " + parent.id() + " has no image " + index));
    }

    /** The requested model, else the parent's when it does image-to-image, else FLUX Dev. */
    private static ModelSpec variationModel(GenerationView parent, String requested) {
        if (requested != null) {
            return ModelCatalogue.find(requested)
                    .filter(spec -> spec.imageToImage() && !spec.upscales())
                    .orElseThrow(() -> new InvalidRequestException("model", "must be an image-to-image model"));
        }
        return ModelCatalogue.find(parent.model() == null ? VARIATION_MODEL : parent.model())
                .filter(spec -> spec.imageToImage() && !spec.upscales())
                .orElseGet(() -> ModelCatalogue.find(VARIATION_MODEL).orElseThrow());
    }

    private static GenerationParameters checked(ModelSpec spec, GenerationParameters parameters) {
        List<FieldViolation> violations = spec.check(parameters).stream()
                .map(v -> new FieldViolation(v.field(), v.message()))
                .toList();
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return parameters;
    }

    private static String promptOf(GenerationView parent) {
        return parent.prompt() == null || parent.prompt().isBlank() ? "a picture" : parent.prompt();
    }

    private static int width(GenerationView parent, StoredImage image) {
        return image.width() != null
                ? image.width()
                : parent.parameters().path("width").asInt();
    }

    private static int height(GenerationView parent, StoredImage image) {
        return image.height() != null
                ? image.height()
                : parent.parameters().path("height").asInt();
    }
}
