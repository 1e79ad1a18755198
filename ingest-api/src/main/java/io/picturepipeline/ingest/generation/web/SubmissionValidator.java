package io.picturepipeline.ingest.generation.web;

import io.picturepipeline.ingest.limit.Plan;
import io.picturepipeline.ingest.refusal.FieldViolation;
import io.picturepipeline.ingest.refusal.InvalidRequestException;
import io.picturepipeline.schemas.Admission;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.ModelCatalogue;
import io.picturepipeline.schemas.ModelSpec;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns a submission into {@link GenerationParameters}, or refuses it with every violation at once: the generic
 * bounds of {@link SubmitGenerationRequest}, then the model's own ranges from the {@link ModelCatalogue}. Absent
 * fields take the defaults: FLUX Schnell, 1024×1024, the model's default steps and guidance, one output.
 */
@Component
public class SubmissionValidator {

    static final String DEFAULT_MODEL = "black-forest-labs/flux-schnell";
    static final int DEFAULT_SIDE = 1024;

    private final Validator validator;

    SubmissionValidator(Validator validator) {
        this.validator = validator;
    }

    public GenerationParameters toParameters(SubmitGenerationRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        for (ConstraintViolation<SubmitGenerationRequest> violation : validator.validate(request)) {
            violations.add(new FieldViolation(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        checkSourceImageUrl(request.sourceImageUrl(), violations);
        String modelId = request.model() == null ? DEFAULT_MODEL : request.model();
        Optional<ModelSpec> model = ModelCatalogue.find(modelId);
        if (model.isEmpty()) {
            violations.add(new FieldViolation(
                    "model",
                    "unknown model '" + modelId + "'; known models: "
                            + ModelCatalogue.all().stream().map(ModelSpec::id).collect(Collectors.joining(", "))));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(sorted(violations));
        }
        ModelSpec spec = model.get();
        GenerationParameters parameters = new GenerationParameters(
                request.prompt(),
                request.negativePrompt(),
                spec.id(),
                orElse(request.width(), DEFAULT_SIDE),
                orElse(request.height(), DEFAULT_SIDE),
                orElse(request.steps(), spec.steps() == null ? 0 : spec.steps().defaultValue()),
                request.guidanceScale() != null
                        ? request.guidanceScale()
                        : spec.guidance() == null ? 0 : spec.guidance().defaultValue(),
                request.seed(),
                request.sourceImageUrl(),
                request.strength(),
                orElse(request.numOutputs(), 1));
        spec.check(parameters).forEach(v -> violations.add(new FieldViolation(v.field(), v.message())));
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(sorted(violations));
        }
        return parameters;
    }

    /**
     * How the submission waits for the provider: the priority it asks for (at most its plan's, which is the default)
     * and its {@code notBefore} (at most {@code maxAhead} after {@code now}; one not after {@code now} means now).
     */
    Admission toAdmission(SubmitGenerationRequest request, Plan plan, Instant now, Duration maxAhead) {
        List<FieldViolation> violations = new ArrayList<>();
        int priority = orElse(request.priority(), plan.priority());
        if (priority > plan.priority()) {
            violations.add(new FieldViolation(
                    "priority", "must be at most " + plan.priority() + " on the plan '" + plan.name() + "'"));
        }
        Instant notBefore = request.notBefore();
        if (notBefore != null && notBefore.isAfter(now.plus(maxAhead))) {
            violations.add(new FieldViolation(
                    "notBefore",
                    "must be at most " + maxAhead.toDays() + " days ahead (not after " + now.plus(maxAhead) + ")"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(sorted(violations));
        }
        return new Admission(
                plan.name(), priority, plan.weight(), notBefore != null && notBefore.isAfter(now) ? notBefore : null);
    }

    private static void checkSourceImageUrl(@Nullable String url, List<FieldViolation> violations) {
        if (url == null) {
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                violations.add(new FieldViolation("sourceImageUrl", "must be an absolute https or http URL"));
            }
        } catch (URISyntaxException e) {
            violations.add(new FieldViolation("sourceImageUrl", "must be an absolute https or http URL"));
        }
    }

    private static List<FieldViolation> sorted(List<FieldViolation> violations) {
        return violations.stream()
                .sorted(Comparator.comparing(FieldViolation::field).thenComparing(FieldViolation::message))
                .toList();
    }

    private static int orElse(@Nullable Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
