package io.picturepipeline.ingest.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.ingest.IngestSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The open streams of this instance, by generation and by owner, and the lifecycle feed's fan-out to them: a record
 * goes to the streams of its generation and to the per-user streams of its owner, never anyone else's. Bounded per
 * user ({@code max-per-user}, else 429) and in total ({@code max-total}, else 503). Gauge
 * {@code pipeline.sse.connections}.
 */
@Component
class StreamRegistry {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final Map<UUID, Set<EventStream>> byGeneration = new ConcurrentHashMap<>();
    private final Map<String, Set<EventStream>> byOwner = new ConcurrentHashMap<>();
    private final Map<String, Integer> perUser = new HashMap<>();
    private final List<EventStream> all = new ArrayList<>();
    private final int maxPerUser;
    private final int maxTotal;

    StreamRegistry(IngestSettings settings, MeterRegistry meters) {
        this.maxPerUser = settings.streams().maxPerUser();
        this.maxTotal = settings.streams().maxTotal();
        Gauge.builder("pipeline.sse.connections", this, registry -> registry.open())
                .description("Server-Sent Events streams open in this instance")
                .register(meters);
    }

    synchronized void register(EventStream stream) {
        int ofUser = perUser.getOrDefault(stream.owner(), 0);
        if (ofUser >= maxPerUser) {
            throw StreamLimitReached.ofUser(maxPerUser, RETRY_AFTER);
        }
        if (all.size() >= maxTotal) {
            throw StreamLimitReached.ofInstance(RETRY_AFTER);
        }
        perUser.put(stream.owner(), ofUser + 1);
        all.add(stream);
        switch (stream.kind()) {
            case GENERATION ->
                byGeneration
                        .computeIfAbsent(stream.generationId(), id -> ConcurrentHashMap.newKeySet())
                        .add(stream);
            case BATCH ->
                stream.members()
                        .forEach(member -> byGeneration
                                .computeIfAbsent(member, id -> ConcurrentHashMap.newKeySet())
                                .add(stream));
            case USER ->
                byOwner.computeIfAbsent(stream.owner(), owner -> ConcurrentHashMap.newKeySet())
                        .add(stream);
        }
    }

    synchronized void unregister(EventStream stream) {
        if (!all.remove(stream)) {
            return;
        }
        perUser.computeIfPresent(stream.owner(), (owner, count) -> count <= 1 ? null : count - 1);
        switch (stream.kind()) {
            case GENERATION -> removeFrom(byGeneration, stream.generationId(), stream);
            case BATCH -> stream.members().forEach(member -> removeFrom(byGeneration, member, stream));
            case USER -> removeFrom(byOwner, stream.owner(), stream);
        }
    }

    /** Hands a live record to every stream that may see it. */
    void dispatch(LifecycleRecord record) {
        Set<EventStream> ofGeneration = byGeneration.get(record.generationId());
        if (ofGeneration != null) {
            ofGeneration.forEach(stream -> stream.offer(record));
        }
        if (record.owner() != null) {
            Set<EventStream> ofOwner = byOwner.get(record.owner());
            if (ofOwner != null) {
                ofOwner.forEach(stream -> stream.offer(record));
            }
        }
    }

    synchronized int open() {
        return all.size();
    }

    synchronized List<EventStream> all() {
        return List.copyOf(all);
    }

    private static <K> void removeFrom(Map<K, Set<EventStream>> index, K key, EventStream stream) {
        index.computeIfPresent(key, (k, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }
}
