package io.picturepipeline.ingest.batch.web;

import io.picturepipeline.ingest.IngestSettings;
import io.picturepipeline.ingest.batch.BatchService;
import io.picturepipeline.ingest.batch.BatchSubmission;
import io.picturepipeline.ingest.generation.IdempotencyKey;
import io.picturepipeline.ingest.generation.web.IdempotencyKeyHeader;
import io.picturepipeline.ingest.limit.Plans;
import io.picturepipeline.ingest.web.PathParameters;
import java.net.URI;
import java.util.List;
import java.util.UUID;
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
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Submitting, reading and cancelling batches. Callers only ever see their own: anyone else's id is a 404. */
@RestController
@RequestMapping(path = BatchController.COLLECTION, produces = MediaType.APPLICATION_JSON_VALUE)
class BatchController {

    static final String COLLECTION = "/api/v1/batches";

    private final BatchValidator validator;
    private final BatchService batches;
    private final JsonMapper json;
    private final int maxKeyLength;

    BatchController(BatchValidator validator, BatchService batches, JsonMapper json, IngestSettings settings) {
        this.validator = validator;
        this.batches = batches;
        this.json = json;
        this.maxKeyLength = settings.idempotency().maxKeyLength();
    }

    record Accepted(UUID id, String status, List<UUID> items) {}

    record Cancelling(UUID id, String status, int cancelling) {}

    /**
     * 202 with the batch and its generations; with an {@code Idempotency-Key} used before with the same body, the
     * original answer ({@code Idempotent-Replayed: true}).
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Accepted> submit(
            @AuthenticationPrincipal Jwt caller,
            @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) @Nullable String idempotencyKey,
            @RequestBody SubmitBatchRequest body) {
        var items = validator.toParameters(body);
        // "batch " first, so a generation's body never matches a batch's
        IdempotencyKey key =
                IdempotencyKeyHeader.read(idempotencyKey, maxKeyLength, () -> "batch " + json.writeValueAsString(body));
        BatchSubmission submission =
                batches.submit(caller.getSubject(), caller.getClaimAsString(Plans.CLAIM), items, key);
        ResponseEntity.BodyBuilder response =
                ResponseEntity.accepted().location(URI.create(COLLECTION + "/" + submission.id()));
        if (submission.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(new Accepted(submission.id(), "queued", submission.items()));
    }

    @GetMapping("/{id}")
    BatchResponse get(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        return BatchResponse.of(batches.find(PathParameters.generationId(id), caller.getSubject()));
    }

    /** 202: every item that had not ended is being cancelled ({@code cancelling} says how many). */
    @DeleteMapping("/{id}")
    ResponseEntity<Cancelling> cancel(@AuthenticationPrincipal Jwt caller, @PathVariable String id) {
        UUID batchId = PathParameters.generationId(id);
        int cancelling = batches.cancel(batchId, caller.getSubject());
        return ResponseEntity.accepted().body(new Cancelling(batchId, "cancelling", cancelling));
    }
}
