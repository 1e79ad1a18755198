package io.picturepipeline.ingest.batch.web;

import io.picturepipeline.ingest.batch.BatchService;
import io.picturepipeline.ingest.stream.StreamService;
import io.picturepipeline.ingest.stream.web.EventStreamResponses;
import io.picturepipeline.ingest.web.PathParameters;
import java.security.Principal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events of every generation of a batch (the events of {@code /api/v1/generations/{id}/events}, each
 * naming its generation), ending once every item has ended. Resumed and authenticated as the per-user stream.
 */
@RestController
class BatchStreamController {

    private final BatchService batches;
    private final StreamService streams;

    BatchStreamController(BatchService batches, StreamService streams) {
        this.batches = batches;
        this.streams = streams;
    }

    @GetMapping(BatchController.COLLECTION + "/{id}/events")
    ResponseEntity<SseEmitter> batch(
            Principal caller,
            @PathVariable String id,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
            @RequestParam(name = "lastEventId", required = false) @Nullable String lastEventIdParameter,
            @RequestParam(name = "ticket", required = false) @Nullable String ticket) {
        UUID batchId = PathParameters.generationId(id);
        String owner = caller.getName();
        String resumeFrom = lastEventId != null && !lastEventId.isBlank() ? lastEventId : lastEventIdParameter;
        return EventStreamResponses.of(streams.batch(owner, batches.itemIds(batchId, owner), resumeFrom));
    }
}
