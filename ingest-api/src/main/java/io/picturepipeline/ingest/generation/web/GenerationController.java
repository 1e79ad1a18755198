package io.picturepipeline.ingest.generation.web;

import io.picturepipeline.ingest.IngestSettings;
import io.picturepipeline.ingest.generation.GenerationPage;
import io.picturepipeline.ingest.generation.GenerationQueries;
import io.picturepipeline.ingest.generation.GenerationService;
import io.picturepipeline.ingest.generation.PageCursor;
import io.picturepipeline.ingest.web.InvalidRequestException;
import io.picturepipeline.ingest.web.NotFoundException;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.GenerationStatus;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Submitting and reading generations. Callers only ever see their own: anyone else's id is a 404. */
@RestController
@RequestMapping(GenerationPaths.COLLECTION)
class GenerationController {

    private final SubmissionValidator validator;
    private final GenerationService generations;
    private final GenerationQueries queries;
    private final IngestSettings.Read settings;

    GenerationController(
            SubmissionValidator validator,
            GenerationService generations,
            GenerationQueries queries,
            IngestSettings settings) {
        this.validator = validator;
        this.generations = generations;
        this.queries = queries;
        this.settings = settings.read();
    }

    record Accepted(UUID id, String status) {}

    record Page(List<GenerationResponse> items, @Nullable String nextCursor) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Accepted> submit(@AuthenticationPrincipal Jwt caller, @RequestBody SubmitGenerationRequest body) {
        GenerationParameters parameters = validator.toParameters(body);
        UUID id = generations.submit(caller.getSubject(), parameters);
        return ResponseEntity.accepted()
                .location(URI.create(GenerationPaths.generation(id)))
                .body(new Accepted(id, GenerationStatus.QUEUED.wireName()));
    }

    @GetMapping("/{id}")
    GenerationResponse get(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return parseId(id)
                .flatMap(uuid -> queries.find(uuid, caller.getSubject()))
                .map(GenerationResponse::of)
                .orElseThrow(() -> new NotFoundException("No generation " + id + "."));
    }

    @GetMapping
    Page list(
            @AuthenticationPrincipal Jwt caller,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        GenerationPage page = queries.list(caller.getSubject(), status(status), limit(limit), cursor(cursor));
        return new Page(
                page.items().stream().map(GenerationResponse::of).toList(),
                page.next() == null ? null : page.next().encode());
    }

    static Optional<UUID> parseId(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static @Nullable GenerationStatus status(@Nullable String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        return Arrays.stream(GenerationStatus.values())
                .filter(s -> s.wireName().equals(status))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException(
                        "status",
                        "must be one of "
                                + Arrays.stream(GenerationStatus.values())
                                        .map(GenerationStatus::wireName)
                                        .collect(Collectors.joining(", "))));
    }

    private int limit(@Nullable Integer limit) {
        if (limit == null) {
            return settings.defaultLimit();
        }
        if (limit < 1 || limit > settings.maxLimit()) {
            throw new InvalidRequestException("limit", "must be between 1 and " + settings.maxLimit());
        }
        return limit;
    }

    private static @Nullable PageCursor cursor(@Nullable String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        return PageCursor.decode(cursor)
                .orElseThrow(() -> new InvalidRequestException("cursor", "is not a cursor this API returned"));
    }
}
