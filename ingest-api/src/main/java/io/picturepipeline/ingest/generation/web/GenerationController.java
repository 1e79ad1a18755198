package io.picturepipeline.ingest.generation.web;

import io.picturepipeline.ingest.IngestSettings;
import io.picturepipeline.ingest.generation.GenerationCancellation;
import io.picturepipeline.ingest.generation.GenerationPage;
import io.picturepipeline.ingest.generation.GenerationQueries;
import io.picturepipeline.ingest.generation.GenerationService;
import io.picturepipeline.ingest.generation.IdempotencyKey;
import io.picturepipeline.ingest.generation.PageCursor;
import io.picturepipeline.ingest.generation.Submission;
import io.picturepipeline.ingest.limit.Plans;
import io.picturepipeline.ingest.refusal.InvalidRequestException;
import io.picturepipeline.ingest.refusal.NotFoundException;
import io.picturepipeline.ingest.web.PathParameters;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.GenerationStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Submitting and reading generations. Callers only ever see their own: anyone else's id is a 404. */
@RestController
// produces: an Accept that excludes JSON is refused before the handler runs, not after it stored something
@RequestMapping(path = GenerationPaths.COLLECTION, produces = MediaType.APPLICATION_JSON_VALUE)
class GenerationController {

    static final String REPLAYED = "Idempotent-Replayed";

    private final SubmissionValidator validator;
    private final GenerationService generations;
    private final GenerationCancellation cancellation;
    private final GenerationQueries queries;
    private final JsonMapper json;
    private final IngestSettings.Read settings;
    private final int maxKeyLength;
    private final Clock clock;
    private final Duration maxScheduleAhead;

    GenerationController(
            SubmissionValidator validator,
            GenerationService generations,
            GenerationCancellation cancellation,
            GenerationQueries queries,
            JsonMapper json,
            IngestSettings settings,
            Clock clock) {
        this.clock = clock;
        this.maxScheduleAhead = settings.plans().maxScheduleAhead();
        this.validator = validator;
        this.generations = generations;
        this.cancellation = cancellation;
        this.queries = queries;
        this.json = json;
        this.settings = settings.read();
        this.maxKeyLength = settings.idempotency().maxKeyLength();
    }

    record Accepted(UUID id, String status) {}

    record Page(List<GenerationResponse> items, @Nullable String nextCursor) {}

    /**
     * 202 with the new generation ({@code queued}, or {@code scheduled} with a {@code notBefore} ahead); with an
     * {@code Idempotency-Key} that was used before with the same body, the
     * original answer (same id, nothing created, {@code Idempotent-Replayed: true}).
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Accepted> submit(
            @AuthenticationPrincipal Jwt caller,
            @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) @Nullable String idempotencyKey,
            @RequestBody SubmitGenerationRequest body) {
        GenerationParameters parameters = validator.toParameters(body);
        Instant now = clock.instant();
        IdempotencyKey key =
                IdempotencyKeyHeader.read(idempotencyKey, maxKeyLength, () -> json.writeValueAsString(body));
        // the plan is read in the submit's transaction, on its one connection; the admission is judged against it there
        Submission submission = generations.submit(
                caller.getSubject(),
                caller.getClaimAsString(Plans.CLAIM),
                parameters,
                plan -> validator.toAdmission(body, plan, now, maxScheduleAhead),
                key,
                null);
        ResponseEntity.BodyBuilder response =
                ResponseEntity.accepted().location(URI.create(GenerationPaths.generation(submission.id())));
        if (submission.replayed()) {
            response.header(REPLAYED, "true");
        }
        // what toAdmission decided: a notBefore after now is scheduled, whatever the plan
        Instant notBefore = body.notBefore();
        GenerationStatus status =
                notBefore != null && notBefore.isAfter(now) ? GenerationStatus.SCHEDULED : GenerationStatus.QUEUED;
        return response.body(new Accepted(submission.id(), status.wireName()));
    }

    /** 202 {@code cancelling} for a live generation of the caller, 409 once it has ended, 404 for anyone else. */
    @DeleteMapping("/{id}")
    ResponseEntity<Accepted> cancel(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        UUID generationId = PathParameters.generationId(id);
        cancellation.cancel(generationId, caller.getSubject());
        return ResponseEntity.accepted().body(new Accepted(generationId, "cancelling"));
    }

    @GetMapping("/{id}")
    GenerationResponse get(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return queries.find(PathParameters.generationId(id), caller.getSubject())
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
