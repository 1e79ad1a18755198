package io.picturepipeline.ingest.derive.web;

import io.picturepipeline.ingest.derive.DerivationService;
import io.picturepipeline.ingest.derive.Upscale;
import io.picturepipeline.ingest.derive.Variation;
import io.picturepipeline.ingest.generation.Submission;
import io.picturepipeline.ingest.limit.Plans;
import io.picturepipeline.ingest.refusal.FieldViolation;
import io.picturepipeline.ingest.refusal.InvalidRequestException;
import io.picturepipeline.ingest.web.PathParameters;
import io.picturepipeline.schemas.GenerationStatus;
import io.picturepipeline.schemas.ModelCatalogue;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Variations and upscales of one of the caller's completed generations: 202 with the new (child) generation, which
 * is followed, read and cancelled like any other. Another user's generation is a 404, one not completed a 409.
 */
@RestController
@RequestMapping(
        path = "/api/v1/generations/{id}",
        produces = MediaType.APPLICATION_JSON_VALUE,
        consumes = MediaType.APPLICATION_JSON_VALUE)
class DerivationController {

    static final double DEFAULT_STRENGTH = 0.6;
    static final int DEFAULT_SCALE = 2;

    private final DerivationService derivations;
    private final Validator validator;

    DerivationController(DerivationService derivations, Validator validator) {
        this.derivations = derivations;
        this.validator = validator;
    }

    record Accepted(UUID id, String status, UUID parentId) {}

    /**
     * Runs before the body is read: another user's generation is a 404 whatever the body holds, so a stranger learns
     * nothing about an id from how its body is judged.
     */
    @ModelAttribute
    void callersOwnGeneration(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        derivations.requireOwned(PathParameters.generationId(id), caller.getSubject());
    }

    @PostMapping("/variations")
    ResponseEntity<Accepted> variation(
            @AuthenticationPrincipal Jwt caller,
            @PathVariable String id,
            @RequestBody DerivationRequests.VariationRequest body) {
        UUID parentId = PathParameters.generationId(id);
        check(validator.validate(body));
        Variation variation = new Variation(
                body.imageIndex() == null ? 0 : body.imageIndex(),
                body.strength() == null ? DEFAULT_STRENGTH : body.strength(),
                body.prompt(),
                body.model(),
                body.seed());
        return accepted(derivations.variation(caller.getSubject(), planOf(caller), parentId, variation), parentId);
    }

    @PostMapping("/upscale")
    ResponseEntity<Accepted> upscale(
            @AuthenticationPrincipal Jwt caller,
            @PathVariable String id,
            @RequestBody DerivationRequests.UpscaleRequest body) {
        UUID parentId = PathParameters.generationId(id);
        check(validator.validate(body));
        int scale = body.scale() == null ? DEFAULT_SCALE : body.scale();
        if (!ModelCatalogue.UPSCALE_FACTORS.contains(scale)) {
            throw new InvalidRequestException("scale", "must be one of " + ModelCatalogue.UPSCALE_FACTORS);
        }
        Upscale upscale = new Upscale(
                body.imageIndex() == null ? 0 : body.imageIndex(), scale, Boolean.TRUE.equals(body.faceEnhance()));
        return accepted(derivations.upscale(caller.getSubject(), planOf(caller), parentId, upscale), parentId);
    }

    /** The token's plan claim: the plan itself is read in the submit's transaction. */
    private static @Nullable String planOf(Jwt caller) {
        return caller.getClaimAsString(Plans.CLAIM);
    }

    private static ResponseEntity<Accepted> accepted(Submission submission, UUID parentId) {
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/generations/" + submission.id()))
                .body(new Accepted(submission.id(), GenerationStatus.QUEUED.wireName(), parentId));
    }

    private static <T> void check(Set<ConstraintViolation<T>> found) {
        List<FieldViolation> violations = new ArrayList<>();
        for (ConstraintViolation<T> violation : found) {
            violations.add(new FieldViolation(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }
}
