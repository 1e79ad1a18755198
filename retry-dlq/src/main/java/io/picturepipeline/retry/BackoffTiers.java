package io.picturepipeline.retry;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which backoff tier a retry goes to. The backoff of attempt {@code n} is the delay of tier {@code n - 1} (the
 * tiers are the exponential ladder, e.g. 10 s, 1 min, 5 min); the retry goes to the first tier whose delay covers
 * both that backoff and the failure's {@code Retry-After}. A {@code Retry-After} beyond the last tier goes to the
 * last tier and is due when it asked.
 */
final class BackoffTiers {

    record Hop(int tier, Duration delay) {}

    private final List<Duration> delays;

    BackoffTiers(List<Duration> delays) {
        this.delays = List.copyOf(delays);
    }

    /** The hop after {@code failedAttempts} failed deliveries (1 after the first one). */
    Hop after(int failedAttempts, Optional<Duration> retryAfter) {
        Duration backoff = delays.get(Math.min(Math.max(failedAttempts, 1), delays.size()) - 1);
        Duration wanted =
                retryAfter.filter(after -> after.compareTo(backoff) > 0).orElse(backoff);
        for (int tier = 0; tier < delays.size(); tier++) {
            if (delays.get(tier).compareTo(wanted) >= 0) {
                return new Hop(tier, delays.get(tier));
            }
        }
        return new Hop(delays.size() - 1, wanted);
    }

    Duration delayOf(int tier) {
        return delays.get(Math.min(tier, delays.size() - 1));
    }

    int size() {
        return delays.size();
    }
}
