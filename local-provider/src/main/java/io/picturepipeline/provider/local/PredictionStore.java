package io.picturepipeline.provider.local;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/** Retained predictions by id and in creation order; beyond the cap the oldest terminal ones are evicted. */
final class PredictionStore {

    private static final int MAX_EVICTION_SCAN = 4096;

    private final Map<String, Prediction> byId = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Prediction> bySequence = new ConcurrentSkipListMap<>();
    private final int maxPredictions;
    private final InstantSource clock;

    PredictionStore(int maxPredictions, InstantSource clock) {
        this.maxPredictions = maxPredictions;
        this.clock = clock;
    }

    void add(Prediction prediction) {
        byId.put(prediction.id, prediction);
        bySequence.put(prediction.sequence, prediction);
        if (byId.size() > maxPredictions) {
            evictOldestTerminal();
        }
    }

    Optional<Prediction> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Up to {@code limit} matching predictions next to {@code sequence}, newest first: the older ones ({@code
     * older}) or the newer ones. {@code sequence} {@code null} starts at the newest.
     */
    List<Prediction> page(Long sequence, boolean older, int limit, Predicate<Prediction> filter) {
        NavigableMap<Long, Prediction> range = sequence == null
                ? bySequence.descendingMap()
                : older ? bySequence.headMap(sequence, false).descendingMap() : bySequence.tailMap(sequence, false);
        List<Prediction> page = new ArrayList<>(limit);
        for (Prediction prediction : range.values()) {
            if (page.size() == limit) {
                break;
            }
            if (filter.test(prediction)) {
                page.add(prediction);
            }
        }
        if (!older && sequence != null) {
            java.util.Collections.reverse(page);
        }
        return page;
    }

    /** Whether any matching prediction is older ({@code older}) or newer than {@code sequence}. */
    boolean any(long sequence, boolean older, Predicate<Prediction> filter) {
        NavigableMap<Long, Prediction> range =
                older ? bySequence.headMap(sequence, false) : bySequence.tailMap(sequence, false);
        return range.values().stream().anyMatch(filter);
    }

    Map<Status, Long> countByStatus() {
        Instant now = clock.instant();
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (Status status : Status.values()) {
            counts.put(status, 0L);
        }
        byId.values().forEach(prediction -> counts.merge(prediction.statusAt(now), 1L, Long::sum));
        return counts;
    }

    private synchronized void evictOldestTerminal() {
        Instant now = clock.instant();
        int scanned = 0;
        for (Iterator<Prediction> it = bySequence.values().iterator();
                it.hasNext() && byId.size() > maxPredictions && scanned < MAX_EVICTION_SCAN;
                scanned++) {
            Prediction candidate = it.next();
            if (candidate.statusAt(now).terminal()) {
                it.remove();
                byId.remove(candidate.id);
            }
        }
    }
}
