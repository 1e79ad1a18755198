package io.picturepipeline.ingest.generation;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code ingest.idempotency_key}: per owner and key, the body hash and the generation (or batch) created. Expiry is the
 * database's clock, so instances agree. An expired key is free: remembering it again replaces the old row.
 */
@Repository
public class IdempotencyKeys {

    public record Remembered(byte[] requestHash, UUID generationId) {}

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Remembered> find(String owner, String key) {
        return jdbc.sql("""
                        select request_hash, generation_id from ingest.idempotency_key
                        where owner = :owner and key = :key and expires_at > now()
                        """)
                .param("owner", owner)
                .param("key", key)
                .query((rs, row) -> new Remembered(rs.getBytes(1), rs.getObject(2, UUID.class)))
                .optional();
    }

    /**
     * Claims the key for {@code generationId}; false when a live row for it exists. A concurrent claim of the same key
     * waits here until the other transaction ends, then sees its row (or, after a rollback, claims the key itself).
     */
    public boolean remember(String owner, IdempotencyKey key, UUID generationId, Duration ttl) {
        return jdbc.sql("""
                                insert into ingest.idempotency_key
                                    (owner, key, request_hash, generation_id, created_at, expires_at)
                                values (:owner, :key, :hash, :id, now(), now() + :ttl * interval '1 millisecond')
                                on conflict (owner, key) do update
                                    set request_hash = excluded.request_hash, generation_id = excluded.generation_id,
                                        created_at = excluded.created_at, expires_at = excluded.expires_at
                                    where idempotency_key.expires_at <= now()
                                """)
                        .param("owner", owner)
                        .param("key", key.value())
                        .param("hash", key.requestHash())
                        .param("id", generationId)
                        .param("ttl", ttl.toMillis())
                        .update()
                == 1;
    }
}
