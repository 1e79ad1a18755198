package io.picturepipeline.schemas;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Derives the JSON Schema (draft 2020-12) of an event record from its components, as the codec writes it. */
final class JsonSchemaGenerator {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    ObjectNode schemaOf(Class<? extends PipelineEvent> eventType) {
        ObjectNode schema = MAPPER.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "https://picturepipeline.io/schemas/" + eventType.getSimpleName() + ".schema.json");
        schema.put("title", eventType.getSimpleName());
        ObjectNode object = objectOf(eventType);
        ObjectNode properties = (ObjectNode) object.get("properties");
        ObjectNode discriminator =
                MAPPER.createObjectNode().put("type", "string").put("const", typeName(eventType));
        ObjectNode ordered = MAPPER.createObjectNode();
        ordered.set("type", discriminator);
        ordered.setAll(properties);
        object.set("properties", ordered);
        ((ArrayNode) object.get("required")).insert(0, "type");
        schema.setAll(object);
        return schema;
    }

    static String typeName(Class<? extends PipelineEvent> eventType) {
        return Arrays.stream(
                        PipelineEvent.class.getAnnotation(JsonSubTypes.class).value())
                .filter(t -> t.value() == eventType)
                .map(JsonSubTypes.Type::name)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(eventType + " is not a registered event type"));
    }

    private ObjectNode objectOf(Class<?> recordType) {
        ObjectNode object = MAPPER.createObjectNode().put("type", "object");
        ObjectNode properties = object.putObject("properties");
        ArrayNode required = object.putArray("required");
        for (RecordComponent component : recordType.getRecordComponents()) {
            boolean nullable = component.isAnnotationPresent(Nullable.class)
                    || component.getAnnotatedType().isAnnotationPresent(Nullable.class);
            ObjectNode property = typeOf(component.getGenericType());
            if (nullable) {
                property.set(
                        "type",
                        MAPPER.createArrayNode().add(property.get("type")).add("null"));
            } else {
                required.add(component.getName());
            }
            properties.set(component.getName(), property);
        }
        return object;
    }

    private ObjectNode typeOf(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            ObjectNode array = MAPPER.createObjectNode().put("type", "array");
            array.set("items", typeOf(parameterized.getActualTypeArguments()[0]));
            return array;
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            return MAPPER.createObjectNode().put("type", "string");
        }
        if (raw == UUID.class) {
            return MAPPER.createObjectNode().put("type", "string").put("format", "uuid");
        }
        if (raw == Instant.class) {
            return MAPPER.createObjectNode().put("type", "string").put("format", "date-time");
        }
        if (raw == Duration.class) {
            return MAPPER.createObjectNode().put("type", "string").put("format", "duration");
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return MAPPER.createObjectNode().put("type", "integer");
        }
        if (raw == double.class || raw == Double.class) {
            return MAPPER.createObjectNode().put("type", "number");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return MAPPER.createObjectNode().put("type", "boolean");
        }
        if (raw.isEnum()) {
            ObjectNode node = MAPPER.createObjectNode().put("type", "string");
            ArrayNode values = node.putArray("enum");
            Arrays.stream(raw.getEnumConstants()).forEach(c -> values.add(((Enum<?>) c).name()));
            return node;
        }
        if (raw.isRecord()) {
            return objectOf(raw);
        }
        throw new IllegalArgumentException("no JSON Schema mapping for " + raw);
    }
}
