package io.picturepipeline.schemas;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Backward compatibility of a new event schema against the published one: data written by old producers must
 * still be read, and old readers must still find every field they know. Breaking: a removed field, a changed
 * type, a new required field, a removed enum value.
 */
final class SchemaCompatibility {

    List<String> breakingChanges(JsonNode published, JsonNode current) {
        List<String> problems = new ArrayList<>();
        compare("", published, current, problems);
        return problems;
    }

    private void compare(String path, JsonNode published, JsonNode current, List<String> problems) {
        if (!published.path("type").equals(current.path("type"))) {
            problems.add(
                    "changed type of " + label(path) + ": " + published.path("type") + " -> " + current.path("type"));
            return;
        }
        Set<String> currentEnum = values(current.path("enum"));
        for (String value : values(published.path("enum"))) {
            if (!currentEnum.contains(value)) {
                problems.add("removed enum value " + value + " of " + label(path));
            }
        }
        if (published.has("items")) {
            compare(path + "[]", published.get("items"), current.path("items"), problems);
        }
        JsonNode publishedProperties = published.path("properties");
        JsonNode currentProperties = current.path("properties");
        for (String name : publishedProperties.propertyNames()) {
            if (!currentProperties.has(name)) {
                problems.add("removed field " + label(path + "." + name));
            } else {
                compare(path + "." + name, publishedProperties.get(name), currentProperties.get(name), problems);
            }
        }
        Set<String> publishedRequired = values(published.path("required"));
        for (String name : values(current.path("required"))) {
            if (!publishedRequired.contains(name)) {
                problems.add("new required field " + label(path + "." + name));
            }
        }
    }

    private static Set<String> values(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    private static String label(String path) {
        return path.isEmpty() ? "the event" : path.substring(1);
    }
}
