package io.picturepipeline.ingest.fuzz;

import io.picturepipeline.ingest.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** {@code /v3/api-docs} as the running API serves it: the operations to fuzz, and schema lookups. */
final class LiveDescription {

    private final String json;
    private final JsonNode root;

    LiveDescription(String json) {
        this.json = json;
        this.root = Api.JSON.readTree(json);
    }

    String json() {
        return json;
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        JsonNode paths = root.get("paths");
        for (String path : paths.propertyNames()) {
            JsonNode item = paths.get(path);
            for (String method : item.propertyNames()) {
                JsonNode operation = item.get(method);
                List<Operation.Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    parameters.add(new Operation.Parameter(
                            parameter.get("name").asString(),
                            parameter.get("in").asString(),
                            parameter.path("required").asBoolean(false),
                            resolve(parameter.path("schema"))));
                }
                JsonNode body = operation
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                boolean secured =
                        !operation.has("security") || !operation.get("security").isEmpty();
                operations.add(new Operation(
                        method.toUpperCase(Locale.ROOT),
                        path,
                        List.copyOf(parameters),
                        body.isMissingNode() ? null : resolve(body),
                        secured));
            }
        }
        return operations;
    }

    /** The schema itself, or the component a {@code $ref} names. */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asString();
            current = root.at(ref.substring(1));
        }
        if (current.has("allOf") && current.get("allOf").size() == 1) {
            return resolve(current.get("allOf").get(0));
        }
        return current;
    }
}
