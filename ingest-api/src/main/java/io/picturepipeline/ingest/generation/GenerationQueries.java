package io.picturepipeline.ingest.generation;

import io.picturepipeline.schemas.GenerationStatus;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads generations for their owner. The ingest-api's own {@code generation_request} decides what exists, who owns
 * it and in which order it lists (so a generation shows up the moment it is accepted); the projection's read model
 * {@code projection.generation_v1} (the view the projection publishes for us), when it has seen the generation, supplies everything that happened since. Without
 * the projection table every generation reads as {@code queued}.
 */
@Component
public class GenerationQueries {

    /** The request's parent and its children, from the ingest-api's own records (its {@code r}). */
    private static final String LINEAGE = """
                   r.parent_id,
                   array(select c.id from ingest.generation_request c
                         where c.parent_id = r.id order by c.created_at, c.id) as children
            """;

    private static final String PROJECTED_COLUMNS = """
            select r.id, r.created_at,
                   coalesce(p.status, 'queued') as status,
                   coalesce(p.model, r.parameters ->> 'model') as model,
                   coalesce(p.prompt, r.parameters ->> 'prompt') as prompt,
                   coalesce(p.parameters, r.parameters)::text as parameters,
                   coalesce(p.progress, 0) as progress,
                   coalesce(p.attempts, 0) as attempts,
                   p.error_stage, p.error_class, p.error_message,
                   coalesce(p.images, '[]'::jsonb)::text as images,
                   p.started_at, p.generated_at, p.completed_at, p.failed_at, p.cancelled_at,
                   coalesce(p.updated_at, r.created_at) as updated_at,
            """ + LINEAGE + """
            from ingest.generation_request r
            left join projection.generation_v1 p on p.id = r.id
            """;
    private static final String REQUEST_COLUMNS = """
            select r.id, r.created_at,
                   'queued' as status,
                   r.parameters ->> 'model' as model,
                   r.parameters ->> 'prompt' as prompt,
                   r.parameters::text as parameters,
                   0 as progress,
                   0 as attempts,
                   null::text as error_stage, null::text as error_class, null::text as error_message,
                   '[]' as images,
                   null::timestamptz as started_at, null::timestamptz as generated_at,
                   null::timestamptz as completed_at, null::timestamptz as failed_at,
                   null::timestamptz as cancelled_at,
                   r.created_at as updated_at,
            """ + LINEAGE + """
            from ingest.generation_request r
            """;
    /** A generation the projection knows but whose request row is gone (e.g. restored from the lifecycle topic). */
    private static final String PROJECTION_ONLY = """
            select p.id, p.requested_at as created_at, p.status, p.model, p.prompt, p.parameters::text as parameters,
                   p.progress, p.attempts, p.error_stage, p.error_class, p.error_message,
                   coalesce(p.images, '[]'::jsonb)::text as images,
                   p.started_at, p.generated_at, p.completed_at, p.failed_at, p.cancelled_at, p.updated_at,
                   null::uuid as parent_id, array[]::uuid[] as children
            from projection.generation_v1 p
            where p.id = :id and p.owner = :owner
            """;

    private final JdbcClient jdbc;
    private final ProjectionTable projection;
    private final GenerationRows views;

    GenerationQueries(JdbcClient jdbc, ProjectionTable projection, JsonMapper json) {
        this.jdbc = jdbc;
        this.projection = projection;
        this.views = new GenerationRows(json);
    }

    public Optional<GenerationView> find(UUID id, String owner) {
        String where = " where r.id = :id and r.owner = :owner";
        if (projection.available()) {
            try {
                Optional<GenerationView> found = jdbc.sql(PROJECTED_COLUMNS + where)
                        .param("id", id)
                        .param("owner", owner)
                        .query(views)
                        .optional();
                if (found.isPresent()) {
                    return found;
                }
                return jdbc.sql(PROJECTION_ONLY)
                        .param("id", id)
                        .param("owner", owner)
                        .query(views)
                        .optional();
            } catch (DataAccessException e) {
                if (!projection.isMissing(e)) {
                    throw e;
                }
            }
        }
        return jdbc.sql(REQUEST_COLUMNS + where)
                .param("id", id)
                .param("owner", owner)
                .query(views)
                .optional();
    }

    /** The generations of one of the owner's batches, in the order they were submitted. */
    public List<GenerationView> inBatch(UUID batchId, String owner) {
        String where = " where r.batch_id = :batchId and r.owner = :owner order by r.batch_position";
        if (projection.available()) {
            try {
                return jdbc.sql(PROJECTED_COLUMNS + where)
                        .param("batchId", batchId)
                        .param("owner", owner)
                        .query(views)
                        .list();
            } catch (DataAccessException e) {
                if (!projection.isMissing(e)) {
                    throw e;
                }
            }
        }
        return jdbc.sql(REQUEST_COLUMNS + where)
                .param("batchId", batchId)
                .param("owner", owner)
                .query(views)
                .list();
    }

    /** The owner's generations, newest first, optionally of one status, starting after {@code after}. */
    public GenerationPage list(String owner, @Nullable GenerationStatus status, int limit, @Nullable PageCursor after) {
        List<GenerationView> rows;
        if (projection.available()) {
            try {
                rows = page(PROJECTED_COLUMNS, "coalesce(p.status, 'queued')", owner, status, limit, after);
                return toPage(rows, limit);
            } catch (DataAccessException e) {
                if (!projection.isMissing(e)) {
                    throw e;
                }
            }
        }
        rows = page(REQUEST_COLUMNS, "'queued'", owner, status, limit, after);
        return toPage(rows, limit);
    }

    private List<GenerationView> page(
            String select,
            String statusExpression,
            String owner,
            @Nullable GenerationStatus status,
            int limit,
            @Nullable PageCursor after) {
        StringBuilder sql = new StringBuilder(select).append(" where r.owner = :owner");
        if (status != null) {
            sql.append(" and ").append(statusExpression).append(" = :status");
        }
        if (after != null) {
            sql.append(" and (r.created_at, r.id) < (:afterCreatedAt, :afterId)");
        }
        sql.append(" order by r.created_at desc, r.id desc limit :limit");
        JdbcClient.StatementSpec statement =
                jdbc.sql(sql.toString()).param("owner", owner).param("limit", limit + 1);
        if (status != null) {
            statement = statement.param("status", status.wireName());
        }
        if (after != null) {
            statement = statement
                    .param("afterCreatedAt", OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC))
                    .param("afterId", after.id());
        }
        return statement.query(views).list();
    }

    private static GenerationPage toPage(List<GenerationView> rows, int limit) {
        if (rows.size() <= limit) {
            return new GenerationPage(rows, null);
        }
        List<GenerationView> items = rows.subList(0, limit);
        GenerationView last = items.get(limit - 1);
        return new GenerationPage(List.copyOf(items), new PageCursor(last.createdAt(), last.id()));
    }
}
