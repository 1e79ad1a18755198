package io.picturepipeline.projection.lifecycle;

import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.StoredImage;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The jsonb columns: property names as on the wire, so the API and analysts read one vocabulary. */
final class JsonColumns {

    private static final TypeReference<List<StoredImage>> IMAGES = new TypeReference<>() {};

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    String write(Object value) {
        return mapper.writeValueAsString(value);
    }

    GenerationParameters parameters(String json) {
        return mapper.readValue(json, GenerationParameters.class);
    }

    List<StoredImage> images(String json) {
        return mapper.readValue(json, IMAGES);
    }
}
