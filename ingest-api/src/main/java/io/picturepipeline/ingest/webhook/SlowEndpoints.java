package io.picturepipeline.ingest.webhook;

import io.picturepipeline.ingest.IngestSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Endpoints whose last attempt timed out, for {@code slow-pause}: their deliveries skip the attempt meanwhile (it
 * counts as a failed one; the record goes on to the next backoff tier at once), except its last one, so a dead endpoint costs a partition
 * one timeout per pause, not one per delivery; the first delivery after the pause tries again, and a success ends it.
 * Kept per instance, in memory.
 */
@Component
class SlowEndpoints {

    private final Duration pause;
    private final Map<UUID, Instant> slowUntil = new ConcurrentHashMap<>();

    SlowEndpoints(IngestSettings settings) {
        this.pause = settings.webhooks().slowPause();
    }

    boolean isSlow(UUID endpointId, Instant now) {
        Instant until = slowUntil.get(endpointId);
        if (until != null && !until.isAfter(now)) {
            slowUntil.remove(endpointId, until);
            return false;
        }
        return until != null;
    }

    void timedOut(UUID endpointId, Instant now) {
        slowUntil.put(endpointId, now.plus(pause));
    }

    void answered(UUID endpointId) {
        slowUntil.remove(endpointId);
    }
}
