package io.picturepipeline.ingest.fuzz;

import java.util.Map;
import java.util.stream.Collectors;

/** Long texts cut for a readable report. */
final class Clip {

    private Clip() {}

    static String of(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + " chars)";
    }

    static String headers(Map<String, String> headers) {
        return headers.entrySet().stream()
                .map(header -> header.getKey() + ": " + of(header.getValue(), 60))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
