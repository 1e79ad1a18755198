package io.picturepipeline.ingest.limit;

/**
 * A user's plan as it applies to them now: its submission limits, the highest priority (and the default) of its
 * submissions, and its fair share among users of the same priority.
 */
public record Plan(String name, int hourly, int daily, int priority, int weight) {

    Quota quota() {
        return new Quota(hourly, daily);
    }
}
