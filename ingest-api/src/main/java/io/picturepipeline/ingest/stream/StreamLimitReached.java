package io.picturepipeline.ingest.stream;

import java.time.Duration;

/**
 * No room for another event stream: the owner has {@code perUser} open ({@link #perUser()} true), or this instance has
 * as many as it serves. Either passes; {@link #retryAfter()} says when to try again.
 */
public class StreamLimitReached extends RuntimeException {

    private final boolean perUser;
    private final Duration retryAfter;

    private StreamLimitReached(String detail, boolean perUser, Duration retryAfter) {
        super(detail);
        this.perUser = perUser;
        this.retryAfter = retryAfter;
    }

    static StreamLimitReached ofUser(int maxPerUser, Duration retryAfter) {
        return new StreamLimitReached(
                "At most " + maxPerUser + " event streams may be open per user; close one first.", true, retryAfter);
    }

    static StreamLimitReached ofInstance(Duration retryAfter) {
        return new StreamLimitReached(
                "This instance has no room for another event stream right now.", false, retryAfter);
    }

    /** True when the caller's own streams are the limit, false when the instance's capacity is. */
    public boolean perUser() {
        return perUser;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
