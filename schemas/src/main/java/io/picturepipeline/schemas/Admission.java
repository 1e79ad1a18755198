package io.picturepipeline.schemas;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How a requested generation waits for the provider when the generate stage is at its capacity: the submitter's
 * {@code plan}, its {@code priority} (higher starts first, as the seeds' {@code job_queue.priority}), its plan's
 * fair-share {@code weight} among users of the same priority, and {@code notBefore}, the earliest instant it may
 * start (a scheduled generation; absent: now).
 *
 * @param plan the plan the ingest-api resolved for the owner when it accepted the request
 * @param priority 0 (the seeds' default) to {@link #MAX_PRIORITY}
 * @param weight 1 to {@link #MAX_WEIGHT}: a user's in-flight predictions count as {@code in-flight / weight}
 * @param notBefore when the generation may start at the earliest; absent for one to start as soon as possible
 */
public record Admission(
        String plan, int priority, int weight, @Nullable Instant notBefore) {

    public static final int MAX_PRIORITY = 9;
    public static final int MAX_WEIGHT = 100;

    /** What a request published before plans existed is admitted as: the seeds' priority 0, weight 1. */
    public static final Admission DEFAULT = new Admission("free", 0, 1, null);

    public Admission {
        Require.text(plan, "plan");
        Require.between(priority, 0, MAX_PRIORITY, "priority");
        Require.between(weight, 1, MAX_WEIGHT, "weight");
    }

    /** Whether the generation is held until a time after {@code acceptedAt}. */
    public boolean scheduledAfter(Instant acceptedAt) {
        return notBefore != null && notBefore.isAfter(acceptedAt);
    }
}
