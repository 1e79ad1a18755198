package io.picturepipeline.ingest.batch;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code ingest.batch} and its members in {@code ingest.generation_request}: written with one statement each, however
 * many items (the submit path's cost must not grow with 50 round trips).
 */
@Repository
class Batches {

    private final JdbcClient jdbc;

    Batches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The batch row and one request row per item ({@code parameters} as JSON, in item order). */
    void insert(UUID id, String owner, Instant at, List<UUID> itemIds, List<String> parameters) {
        OffsetDateTime createdAt = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        jdbc.sql("insert into ingest.batch (id, owner, size, created_at) values (:id, :owner, :size, :at)")
                .param("id", id)
                .param("owner", owner)
                .param("size", itemIds.size())
                .param("at", createdAt)
                .update();
        jdbc.sql("""
                        insert into ingest.generation_request (id, owner, parameters, created_at, batch_id, batch_position)
                        select item.id, :owner, cast(item.parameters as jsonb), :at, :batchId, item.position
                        from unnest(cast(:ids as uuid[]), cast(:parameters as text[]))
                                 with ordinality as item(id, parameters, position)
                        """)
                .param("owner", owner)
                .param("at", createdAt)
                .param("batchId", id)
                .param("ids", itemIds.stream().map(UUID::toString).toArray(String[]::new))
                .param("parameters", parameters.toArray(String[]::new))
                .update();
    }

    /** When the owner's batch was created; empty for anyone else's or no batch. */
    Optional<Instant> createdAt(UUID id, String owner) {
        return jdbc.sql("select created_at from ingest.batch where id = :id and owner = :owner")
                .param("id", id)
                .param("owner", owner)
                .query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .optional();
    }

    /** The batch's generations in item order. */
    List<UUID> itemIds(UUID id) {
        return jdbc.sql("select id from ingest.generation_request where batch_id = :id order by batch_position")
                .param("id", id)
                .query(UUID.class)
                .list();
    }
}
