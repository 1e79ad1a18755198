package io.picturepipeline.ingest.stream;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who owns a generation, for routing lifecycle events to per-user streams: most events do not name their owner.
 * Learnt from the events that do ({@code GenerationRequested}, {@code ImagesGenerated}), else looked up in
 * {@code ingest.generation_request}; the most recent owners are kept (an owner never changes).
 */
@Component
class OwnerDirectory {

    private static final int CAPACITY = 50_000;

    private final JdbcClient jdbc;
    private final Map<UUID, String> owners = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, String> eldest) {
            return size() > CAPACITY;
        }
    };

    OwnerDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    synchronized @Nullable String owner(UUID generationId) {
        return owners.get(generationId);
    }

    synchronized void learn(UUID generationId, String owner) {
        owners.put(generationId, owner);
    }

    /** Looks the owners of {@code generationIds} up in one query. */
    void resolve(Collection<UUID> generationIds) {
        if (generationIds.isEmpty()) {
            return;
        }
        jdbc.sql("select id, owner from ingest.generation_request where id in (:ids)")
                .param("ids", generationIds)
                .query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
                .list()
                .forEach(entry -> learn(entry.getKey(), entry.getValue()));
    }
}
