package io.picturepipeline.ingest.stream.web;

import io.picturepipeline.ingest.stream.OpenedStream;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * How an event stream is answered: Server-Sent Events, uncached and unbuffered by proxies, for at most the stream's
 * {@code max-duration}; 204 when the client has seen its end already.
 */
public final class EventStreamResponses {

    private EventStreamResponses() {}

    public static ResponseEntity<SseEmitter> of(Optional<OpenedStream> stream) {
        return stream.map(EventStreamResponses::of)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    static ResponseEntity<SseEmitter> of(OpenedStream stream) {
        SseEmitter emitter = new SseEmitter(stream.maxDuration().toMillis());
        emitter.onTimeout(emitter::complete);
        emitter.onCompletion(stream::close);
        emitter.onError(error -> stream.close());
        try {
            stream.start(new SseFrames(emitter));
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Accel-Buffering", "no")
                .body(emitter);
    }
}
