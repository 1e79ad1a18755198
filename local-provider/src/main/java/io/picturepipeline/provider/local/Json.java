package io.picturepipeline.provider.local;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Shared Jackson 3 mapper; the provider builds and reads JSON as trees to control field order exactly. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    /** Parses a request body that must be a JSON object; anything else is a 422 like Replicate answers. */
    static ObjectNode parseObject(byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.invalid("Request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.invalid("Request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    static ObjectNode problem(int status, String title, String detail) {
        ObjectNode body = object();
        body.put("title", title);
        body.put("detail", detail);
        body.put("status", status);
        return body;
    }
}
