package io.picturepipeline.projection.lifecycle;

import io.picturepipeline.schemas.GenerationStatus;
import io.picturepipeline.schemas.Stage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code generation}: read, locked and written a batch at a time. */
@Component
class GenerationStore {

    private static final String UPDATE = """
            update generation set
                owner = ?, model = ?, prompt = ?, parameters = ?::jsonb, status = ?, progress = ?, prediction_id = ?,
                attempts = (select count(*) from generation_event e
                            where e.generation_id = ? and e.type in ('GenerationStarted', 'RetryScheduled')),
                error_stage = ?, error_class = ?, error_message = ?, cancel_reason = ?,
                images = ?::jsonb, requested_at = ?, started_at = ?, attempt_started_at = ?, generated_at = ?,
                completed_at = ?, failed_at = ?, cancelled_at = ?, retry_due_at = ?, last_event_at = ?, updated_at = ?,
                batch_id = ?, parent_id = ?
            where id = ?
            """;

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final JsonColumns json = new JsonColumns();

    GenerationStore(JdbcTemplate jdbc, JdbcClient client) {
        this.jdbc = jdbc;
        this.client = client;
    }

    /**
     * The rows of these generations, locked until the transaction ends. A generation seen for the first time gets
     * a placeholder row first, so two writers of one new generation queue up on its lock instead of racing.
     * Locks are taken in id order, so two batches never wait on each other in a cycle.
     */
    Map<UUID, GenerationRow> lock(Collection<UUID> ids) {
        List<UUID> sorted = ids.stream().distinct().sorted().toList();
        if (sorted.isEmpty()) {
            return Map.of();
        }
        jdbc.batchUpdate(
                "insert into generation (id) values (?) on conflict (id) do nothing",
                sorted.stream().map(id -> new Object[] {id}).toList());
        Map<UUID, GenerationRow> rows = new LinkedHashMap<>();
        client.sql("select * from generation where id in (:ids) order by id for update")
                .param("ids", sorted)
                .query(this::row)
                .list()
                .forEach(row -> rows.put(row.id(), row));
        return rows;
    }

    /** Writes the rows; {@code attempts} is counted from the history recorded so far, not taken from the row. */
    void save(Collection<GenerationRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(UPDATE, rows.stream().map(this::values).toList());
    }

    private Object[] values(GenerationRow row) {
        return new Object[] {
            row.owner(),
            row.model(),
            row.prompt(),
            row.parameters() == null ? null : json.write(row.parameters()),
            row.status().wireName(),
            row.progress(),
            row.predictionId(),
            row.id(),
            row.errorStage() == null ? null : row.errorStage().name(),
            row.errorClass(),
            row.errorMessage(),
            row.cancelReason(),
            json.write(row.images()),
            Timestamps.of(row.requestedAt()),
            Timestamps.of(row.startedAt()),
            Timestamps.of(row.attemptStartedAt()),
            Timestamps.of(row.generatedAt()),
            Timestamps.of(row.completedAt()),
            Timestamps.of(row.failedAt()),
            Timestamps.of(row.cancelledAt()),
            Timestamps.of(row.retryDueAt()),
            Timestamps.of(row.lastEventAt()),
            Timestamps.of(row.updatedAt()),
            row.batchId(),
            row.parentId(),
            row.id()
        };
    }

    private GenerationRow row(ResultSet rs, int rowNum) throws SQLException {
        String parameters = rs.getString("parameters");
        return new GenerationRow(
                rs.getObject("id", UUID.class),
                rs.getString("owner"),
                rs.getString("model"),
                rs.getString("prompt"),
                parameters == null ? null : json.parameters(parameters),
                GenerationStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                rs.getInt("progress"),
                rs.getString("prediction_id"),
                rs.getInt("attempts"),
                stage(rs.getString("error_stage")),
                rs.getString("error_class"),
                rs.getString("error_message"),
                rs.getString("cancel_reason"),
                json.images(rs.getString("images")),
                Timestamps.read(rs, "requested_at"),
                Timestamps.read(rs, "started_at"),
                Timestamps.read(rs, "attempt_started_at"),
                Timestamps.read(rs, "generated_at"),
                Timestamps.read(rs, "completed_at"),
                Timestamps.read(rs, "failed_at"),
                Timestamps.read(rs, "cancelled_at"),
                Timestamps.read(rs, "retry_due_at"),
                Timestamps.read(rs, "last_event_at"),
                Timestamps.read(rs, "updated_at"),
                rs.getObject("batch_id", UUID.class),
                rs.getObject("parent_id", UUID.class));
    }

    private static @Nullable Stage stage(@Nullable String value) {
        return value == null ? null : Stage.valueOf(value);
    }
}
