package io.picturepipeline.ingest.stream.web;

import io.picturepipeline.ingest.stream.Frame;
import io.picturepipeline.ingest.stream.FrameSink;
import java.io.IOException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A stream's frames written as Server-Sent Events to one open response. */
final class SseFrames implements FrameSink {

    private final SseEmitter emitter;

    SseFrames(SseEmitter emitter) {
        this.emitter = emitter;
    }

    @Override
    public void send(Frame frame) throws IOException {
        SseEmitter.SseEventBuilder event = SseEmitter.event();
        if (frame.reconnectMillis() != null) {
            event.reconnectTime(frame.reconnectMillis());
        }
        if (frame.comment() != null) {
            event.comment(frame.comment());
        }
        if (frame.id() != null) {
            event.id(frame.id());
        }
        if (frame.name() != null) {
            event.name(frame.name());
        }
        if (frame.data() != null) {
            event.data(frame.data());
        }
        emitter.send(event);
    }

    @Override
    public void complete() {
        emitter.complete();
    }
}
