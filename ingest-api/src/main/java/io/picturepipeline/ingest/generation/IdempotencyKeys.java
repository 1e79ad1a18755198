package io.picturepipeline.ingest.generation;

import io.picturepipeline.ingest.IngestSettings;
import java.security.MessageDigest;
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

    private record Remembered(byte[] requestHash, UUID generationId) {}

    private final JdbcClient jdbc;
    private final Duration ttl;

    IdempotencyKeys(JdbcClient jdbc, IngestSettings settings) {
        this.jdbc = jdbc;
        this.ttl = settings.idempotency().ttl();
    }

    /**
     * Claims {@code key} for {@code createdId} in the submitting transaction; empty when it was free. When a live key
     * (committed, or committed while this waited for it) holds the same body, the id that request created: the caller
     * answers it again. Throws {@link IdempotencyKeyReused} when it holds another body.
     */
    public Optional<UUID> claim(String owner, IdempotencyKey key, UUID createdId) {
        if (remember(owner, key, createdId)) {
            return Optional.empty();
        }
        Remembered earlier = find(owner, key.value()).orElseThrow(() -> new IdempotencyKeyReused(ttl));
        if (!MessageDigest.isEqual(earlier.requestHash(), key.requestHash())) {
            throw new IdempotencyKeyReused(ttl);
        }
        return Optional.of(earlier.generationId());
    }

    private Optional<Remembered> find(String owner, String key) {
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
    private boolean remember(String owner, IdempotencyKey key, UUID generationId) {
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
