package io.picturepipeline.generation.prediction;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code webhook-id}s of the latest deliveries (Replicate sends the same id on retries): a duplicate is ignored.
 * Bounded and per instance; a duplicate reaching another instance is harmless, since settling is idempotent.
 */
final class SeenWebhooks {

    private final Map<String, Boolean> seen;

    SeenWebhooks(int capacity) {
        this.seen = new LinkedHashMap<>(capacity, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time this id is seen. */
    synchronized boolean firstTime(String webhookId) {
        return seen.putIfAbsent(webhookId, Boolean.TRUE) == null;
    }

    /** Forgets an id whose delivery could not be handled, so Replicate's retry is. */
    synchronized void forget(String webhookId) {
        seen.remove(webhookId);
    }
}
