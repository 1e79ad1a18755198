package io.picturepipeline.provider.local;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/** Retained predictions by id and in creation order; beyond the cap the oldest terminal ones are evicted. */
final class PredictionStore {

    private static final int MAX_EVICTION_SCAN = 4096;

    private final Map<String, Prediction> byId = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Prediction> byAge = new ConcurrentLinkedDeque<>();
    private final int maxPredictions;
    private final InstantSource clock;

    PredictionStore(int maxPredictions, InstantSource clock) {
        this.maxPredictions = maxPredictions;
        this.clock = clock;
    }

    void add(Prediction prediction) {
        byId.put(prediction.id, prediction);
        byAge.addLast(prediction);
        if (byId.size() > maxPredictions) {
            evictOldestTerminal();
        }
    }

    Optional<Prediction> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    List<Prediction> newest(int limit) {
        List<Prediction> newest = new ArrayList<>(limit);
        for (Iterator<Prediction> it = byAge.descendingIterator(); it.hasNext() && newest.size() < limit; ) {
            newest.add(it.next());
        }
        return newest;
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
        for (Iterator<Prediction> it = byAge.iterator();
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
