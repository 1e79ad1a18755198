package io.picturepipeline.ingest.batch;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads {@code ingest.batch} and its members in {@code ingest.generation_request} (both written through entities). */
@Repository
class Batches {

    private final JdbcClient jdbc;

    Batches(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
