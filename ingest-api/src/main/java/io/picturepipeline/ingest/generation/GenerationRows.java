package io.picturepipeline.ingest.generation;

import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.StoredImage;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A row of {@link GenerationQueries}' selects (every one has the same columns) as a {@link GenerationView}: the
 * parameters in the order of {@link GenerationParameters}, the image list read leniently. A value that cannot be read
 * is logged and shown empty rather than failing the whole read.
 */
final class GenerationRows implements RowMapper<GenerationView> {

    private static final Logger log = LoggerFactory.getLogger(GenerationRows.class);
    private static final List<String> PARAMETER_ORDER = Arrays.stream(GenerationParameters.class.getRecordComponents())
            .map(RecordComponent::getName)
            .toList();

    private final JsonMapper json;
    private final ObjectReader imagesReader;

    GenerationRows(JsonMapper json) {
        this.json = json;
        this.imagesReader = json.readerFor(new TypeReference<List<StoredImage>>() {})
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public GenerationView mapRow(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String errorClass = rs.getString("error_class");
        String errorMessage = rs.getString("error_message");
        GenerationView.Failure error = errorClass == null && errorMessage == null
                ? null
                : new GenerationView.Failure(rs.getString("error_stage"), errorClass, errorMessage);
        return new GenerationView(
                id,
                rs.getString("status"),
                rs.getString("model"),
                rs.getString("prompt"),
                parameters(id, rs.getString("parameters")),
                rs.getInt("progress"),
                rs.getInt("attempts"),
                error,
                images(id, rs.getString("images")),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "generated_at"),
                instant(rs, "completed_at"),
                instant(rs, "failed_at"),
                instant(rs, "cancelled_at"),
                instant(rs, "updated_at"),
                rs.getObject("parent_id", UUID.class),
                children(rs));
    }

    private JsonNode parameters(UUID id, @Nullable String text) {
        if (text == null) {
            return json.createObjectNode();
        }
        try {
            return inRecordOrder(json.readTree(text));
        } catch (JacksonException e) {
            log.warn("generation {} has unreadable parameters: {}", id, e.getOriginalMessage());
            return json.createObjectNode();
        }
    }

    /** jsonb keeps keys in its own order; clients get them in the order of {@link GenerationParameters}. */
    private JsonNode inRecordOrder(JsonNode parameters) {
        if (!(parameters instanceof ObjectNode object)) {
            return parameters;
        }
        ObjectNode ordered = json.createObjectNode();
        for (String name : PARAMETER_ORDER) {
            if (object.has(name)) {
                ordered.set(name, object.get(name));
            }
        }
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            if (!ordered.has(property.getKey())) {
                ordered.set(property.getKey(), property.getValue());
            }
        }
        return ordered;
    }

    private List<StoredImage> images(UUID id, @Nullable String text) {
        if (text == null) {
            return List.of();
        }
        try {
            List<StoredImage> images = imagesReader.readValue(text);
            return images == null ? List.of() : List.copyOf(new ArrayList<>(images));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            log.warn("generation {} has an unreadable image list: {}", id, e.getMessage());
            return List.of();
        }
    }

    private static List<UUID> children(ResultSet rs) throws SQLException {
        java.sql.Array array = rs.getArray("children");
        if (array == null) {
            return List.of();
        }
        List<UUID> children = new ArrayList<>();
        for (Object child : (Object[]) array.getArray()) {
            children.add(child instanceof UUID uuid ? uuid : UUID.fromString(child.toString()));
        }
        return List.copyOf(children);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
