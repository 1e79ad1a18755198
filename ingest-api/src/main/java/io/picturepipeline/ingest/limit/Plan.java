package io.picturepipeline.ingest.limit;

import io.picturepipeline.schemas.Admission;

/**
 * A user's plan as it applies to them now: its submission limits, the highest priority (and the default) of its
 * submissions, and its fair share among users of the same priority.
 */
public record Plan(String name, int hourly, int daily, int priority, int weight) {

    /** How its submissions wait for the provider when they ask for nothing else: the plan's priority, now. */
    public Admission admission() {
        return new Admission(name, priority, weight, null);
    }

    Quota quota() {
        return new Quota(hourly, daily);
    }
}
