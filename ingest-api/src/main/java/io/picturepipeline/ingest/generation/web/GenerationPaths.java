package io.picturepipeline.ingest.generation.web;

import java.util.UUID;

/** The API's URLs for a generation, as clients see them. */
final class GenerationPaths {

    static final String COLLECTION = "/api/v1/generations";

    private GenerationPaths() {}

    static String generation(UUID id) {
        return COLLECTION + "/" + id;
    }

    static String image(UUID id, int index) {
        return generation(id) + "/images/" + index;
    }
}
