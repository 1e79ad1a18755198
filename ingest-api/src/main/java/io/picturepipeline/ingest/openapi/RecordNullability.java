package io.picturepipeline.ingest.openapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The API's records say what may be null ({@code @Nullable}) and what is always there (everything else): in the
 * description, the first are {@code nullable} and the others {@code required}, so a client (and the fuzzer) knows
 * which is which. A Jackson {@code JsonNode} is a free-form object.
 */
class RecordNullability implements ModelConverter {

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
        if (tools.jackson.databind.JsonNode.class.isAssignableFrom(raw)) {
            return new ObjectSchema().description("free-form JSON object");
        }
        Schema<?> resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        if (resolved == null || !raw.isRecord()) {
            return resolved;
        }
        Schema<?> model = resolved;
        if (resolved.get$ref() != null) {
            model = context.getDefinedModels()
                    .get(resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1));
        }
        if (model != null && model.getProperties() != null) {
            describe(raw, model, context);
        }
        return resolved;
    }

    private static void describe(Class<?> record, Schema<?> model, ModelConverterContext context) {
        List<String> required = new ArrayList<>(model.getRequired() == null ? List.of() : model.getRequired());
        Map<String, Schema> properties = model.getProperties();
        for (RecordComponent component : record.getRecordComponents()) {
            String name = name(component);
            Schema<?> property = properties.get(name);
            if (property == null) {
                continue;
            }
            boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
            if (nullable && !required.contains(name)) {
                properties.put(name, nullable(property, context));
            } else if (!nullable && !required.contains(name)) {
                required.add(name);
            }
        }
        model.setRequired(required.isEmpty() ? null : required);
    }

    /**
     * OpenAPI 3.0 ignores siblings of a {@code $ref}, and validators do not apply {@code nullable} to an {@code allOf}:
     * a nullable object is described in place.
     */
    private static Schema<?> nullable(Schema<?> property, ModelConverterContext context) {
        if (property.get$ref() == null) {
            return property.nullable(true);
        }
        Schema<?> referenced = context.getDefinedModels()
                .get(property.get$ref().substring(property.get$ref().lastIndexOf('/') + 1));
        if (referenced == null) {
            return property;
        }
        Schema<Object> inline = new ObjectSchema();
        inline.setProperties(referenced.getProperties());
        inline.setRequired(referenced.getRequired());
        inline.setDescription(referenced.getDescription());
        return inline.nullable(true);
    }

    private static String name(RecordComponent component) {
        JsonProperty renamed = component.getAnnotation(JsonProperty.class);
        if (renamed == null) {
            renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        }
        return renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value();
    }
}
