package io.picturepipeline.bench.measure;

/**
 * A process whose CPU and memory the benchmark reports. With {@code tree}, its descendants count too (PostgreSQL's
 * backends are children of the postmaster; the time of backends that ended is in the postmaster's reaped-children
 * time, so the total stays consistent).
 */
public record Component(String name, long pid, boolean tree) {

    public static Component process(String name, long pid) {
        return new Component(name, pid, false);
    }

    public static Component tree(String name, long pid) {
        return new Component(name, pid, true);
    }
}
