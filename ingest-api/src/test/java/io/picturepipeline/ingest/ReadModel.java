package io.picturepipeline.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Plays the projection: writes {@code projection.generation} rows for generations the API accepted. */
public final class ReadModel {

    private static final Set<String> JSONB = Set.of("parameters", "images");

    private ReadModel() {}

    /** Projects the accepted request {@code id} with {@code status}, then the columns {@code customize} sets. */
    public static void project(JdbcClient jdbc, UUID id, String owner, String status, Consumer<Columns> customize) {
        Map<String, Object> request = jdbc.sql("""
                        select parameters::text as parameters, parameters ->> 'model' as model,
                               parameters ->> 'prompt' as prompt, created_at
                        from ingest.generation_request where id = ?
                        """).param(id).query().singleRow();
        Columns columns = new Columns()
                .set("id", id)
                .set("owner", owner)
                .set("model", request.get("model"))
                .set("prompt", request.get("prompt"))
                .set("parameters", request.get("parameters"))
                .set("status", status)
                .set("requested_at", request.get("created_at"))
                .set("updated_at", Instant.now());
        customize.accept(columns);
        columns.insert(jdbc);
    }

    public static final class Columns {

        private final Map<String, Object> values = new LinkedHashMap<>();

        public Columns set(String column, Object value) {
            values.put(
                    column,
                    value instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value);
            return this;
        }

        void insert(JdbcClient jdbc) {
            String names = String.join(", ", values.keySet());
            String placeholders = values.keySet().stream()
                    .map(column -> JSONB.contains(column) ? "cast(:" + column + " as jsonb)" : ":" + column)
                    .collect(Collectors.joining(", "));
            JdbcClient.StatementSpec statement =
                    jdbc.sql("insert into projection.generation (" + names + ") values (" + placeholders + ")");
            for (Map.Entry<String, Object> value : values.entrySet()) {
                statement = statement.param(value.getKey(), value.getValue());
            }
            statement.update();
        }
    }
}
