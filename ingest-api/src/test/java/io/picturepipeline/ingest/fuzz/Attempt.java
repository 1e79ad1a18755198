package io.picturepipeline.ingest.fuzz;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One generated request: the operation it is meant for, what kind it is ({@code valid} or {@code hostile:<what>}),
 * the raw (already encoded) path with its query, the headers, the body, and the status it must get when the kind
 * decides it (401 for a refused token, 404 for another user's generation).
 */
record Attempt(
        Operation operation,
        String kind,
        String target,
        Map<String, String> headers,
        byte @Nullable [] body,
        @Nullable Integer mustAnswer) {

    boolean valid() {
        return kind.equals("valid");
    }

    @Override
    public String toString() {
        String shownBody = body == null
                ? ""
                : " body(" + body.length + " bytes): "
                        + Clip.of(new String(body, java.nio.charset.StandardCharsets.UTF_8), 300);
        return operation.method() + " " + Clip.of(target, 300) + " [" + kind + "] headers " + Clip.headers(headers)
                + shownBody;
    }
}
