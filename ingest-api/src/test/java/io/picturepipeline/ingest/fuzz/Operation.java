package io.picturepipeline.ingest.fuzz;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One operation of the live description: its parameters and body schema ($refs resolved on use). */
record Operation(
        String method,
        String path,
        List<Parameter> parameters,
        @Nullable JsonNode body,
        boolean secured) {

    record Parameter(String name, String in, boolean required, JsonNode schema) {}

    String key() {
        return method + " " + path;
    }

    boolean streams() {
        return path.endsWith("/events");
    }
}
