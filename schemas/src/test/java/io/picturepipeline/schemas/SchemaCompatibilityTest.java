package io.picturepipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The checked-in JSON Schemas under {@code src/main/resources/json-schema} are the published contract. A change to
 * an event record that breaks them fails here; a compatible change asks for the schema to be regenerated with
 * {@code ./mvnw -pl schemas test -Dschemas.write=true}.
 */
class SchemaCompatibilityTest {

    private static final Path PUBLISHED = Path.of("src/main/resources/json-schema");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final JsonSchemaGenerator generator = new JsonSchemaGenerator();
    private final SchemaCompatibility compatibility = new SchemaCompatibility();

    @Test
    void everyEventMatchesItsPublishedSchema() throws IOException {
        boolean write = Boolean.getBoolean("schemas.write");
        List<String> problems = new ArrayList<>();
        for (PipelineEvent event : Events.oneOfEach()) {
            Class<? extends PipelineEvent> type = event.getClass();
            ObjectNode current = generator.schemaOf(type);
            Path file = PUBLISHED.resolve(type.getSimpleName() + ".schema.json");
            if (write) {
                Files.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(current) + "\n");
                continue;
            }
            JsonNode published = MAPPER.readTree(file.toFile());
            compatibility
                    .breakingChanges(published, current)
                    .forEach(p -> problems.add(type.getSimpleName() + ": " + p));
            if (problems.isEmpty() && !published.equals(current)) {
                problems.add(type.getSimpleName() + ": compatible change, regenerate the published schema with "
                        + "./mvnw -pl schemas test -Dschemas.write=true");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void thePublishedSchemasShipInTheJar() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/json-schema/GenerationRequested.schema.json")) {
            assertThat(in).isNotNull();
            assertThat(MAPPER.readTree(in).path("required").toString()).contains("parameters");
        }
    }

    @Test
    void aRemovedFieldBreaks() {
        ObjectNode published = schema("percent", "integer", true);
        ObjectNode current = schema("other", "integer", false);

        assertThat(compatibility.breakingChanges(published, current)).containsExactly("removed field percent");
    }

    @Test
    void aChangedTypeBreaks() {
        assertThat(compatibility.breakingChanges(schema("percent", "integer", true), schema("percent", "string", true)))
                .containsExactly("changed type of percent: \"integer\" -> \"string\"");
    }

    @Test
    void aNewRequiredFieldBreaks() {
        ObjectNode current = schema("percent", "integer", true);
        addProperty(current, "eta", "string", true);

        assertThat(compatibility.breakingChanges(schema("percent", "integer", true), current))
                .containsExactly("new required field eta");
    }

    @Test
    void aNewOptionalFieldIsCompatible() {
        ObjectNode current = schema("percent", "integer", true);
        addProperty(current, "eta", "string", false);

        assertThat(compatibility.breakingChanges(schema("percent", "integer", true), current))
                .isEmpty();
    }

    @Test
    void makingAnOptionalFieldRequiredBreaks() {
        assertThat(compatibility.breakingChanges(schema("seed", "integer", false), schema("seed", "integer", true)))
                .containsExactly("new required field seed");
    }

    @Test
    void aRemovedEnumValueBreaks() {
        ObjectNode published = schema("stage", "string", true);
        ((ObjectNode) published.at("/properties/stage"))
                .putArray("enum")
                .add("GENERATE")
                .add("DOWNLOAD");
        ObjectNode current = schema("stage", "string", true);
        ((ObjectNode) current.at("/properties/stage")).putArray("enum").add("GENERATE");

        assertThat(compatibility.breakingChanges(published, current))
                .containsExactly("removed enum value DOWNLOAD of stage");
    }

    @Test
    void aChangeInsideANestedRecordBreaks() {
        ObjectNode published = generator.schemaOf(GenerationRequested.class);
        ObjectNode current = published.deepCopy();
        ((ObjectNode) current.at("/properties/parameters/properties")).remove("prompt");

        assertThat(compatibility.breakingChanges(published, current))
                .containsExactly("removed field parameters.prompt");
    }

    private static ObjectNode schema(String field, String type, boolean required) {
        ObjectNode schema = MAPPER.createObjectNode().put("type", "object");
        schema.putObject("properties");
        schema.putArray("required");
        addProperty(schema, field, type, required);
        return schema;
    }

    private static void addProperty(ObjectNode schema, String field, String type, boolean required) {
        ((ObjectNode) schema.get("properties")).putObject(field).put("type", type);
        if (required) {
            ((ArrayNode) schema.get("required")).add(field);
        }
    }
}
