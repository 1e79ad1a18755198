package io.picturepipeline.ingest.stream.web;

import io.picturepipeline.ingest.stream.StreamService;
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
 * Server-Sent Events: one generation ({@code status}, {@code progress}, {@code retry}, then {@code completed},
 * {@code failed} or {@code cancelled}, after which the stream ends), or all of the caller's generations. Resume with
 * the {@code Last-Event-ID} header, or the {@code lastEventId} parameter when opening a new {@code EventSource}.
 * Authenticated by the bearer token or, for browsers, a single-use {@code ticket} (see {@code POST
 * /api/v1/stream-tickets}).
 */
@RestController
class StreamController {

    private final StreamService streams;

    StreamController(StreamService streams) {
        this.streams = streams;
    }

    @GetMapping("/api/v1/generations/{id}/events")
    ResponseEntity<SseEmitter> generation(
            Principal caller,
            @PathVariable String id,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
            @RequestParam(name = "lastEventId", required = false) @Nullable String lastEventIdParameter,
            @RequestParam(name = "ticket", required = false) @Nullable String ticket) {
        UUID generationId = PathParameters.generationId(id);
        return EventStreamResponses.of(
                streams.generation(caller.getName(), generationId, first(lastEventId, lastEventIdParameter)));
    }

    @GetMapping("/api/v1/events")
    ResponseEntity<SseEmitter> mine(
            Principal caller,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
            @RequestParam(name = "lastEventId", required = false) @Nullable String lastEventIdParameter,
            @RequestParam(name = "ticket", required = false) @Nullable String ticket) {
        // the ticket, if any, was redeemed by the security filter chain; it is declared here for the API description
        return EventStreamResponses.of(streams.user(caller.getName(), first(lastEventId, lastEventIdParameter)));
    }

    private static @Nullable String first(@Nullable String header, @Nullable String parameter) {
        if (header != null && !header.isBlank()) {
            return header;
        }
        return parameter == null || parameter.isBlank() ? null : parameter;
    }
}
