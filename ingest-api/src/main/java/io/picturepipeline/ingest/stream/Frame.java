package io.picturepipeline.ingest.stream;

import org.jspecify.annotations.Nullable;

/**
 * One frame of an event stream, as the client's {@code EventSource} reads it: a comment (with the reconnection delay
 * on the first one), or an event with its id, name and data. The web edge writes it as Server-Sent Events.
 */
public record Frame(
        @Nullable Long reconnectMillis,
        @Nullable String comment,
        @Nullable String id,
        @Nullable String name,
        @Nullable String data) {

    static Frame comment(String text) {
        return new Frame(null, text, null, null, null);
    }

    static Frame connected(long reconnectMillis) {
        return new Frame(reconnectMillis, "connected", null, null, null);
    }

    static Frame event(String id, String name, String data) {
        return new Frame(null, null, id, name, data);
    }
}
